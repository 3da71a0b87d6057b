namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>How many items a strategy can run at once; the Efficiency column derives the ideal time from it.</summary>
public enum WorkerBound
{
    /// <summary>One item at a time (Sequential, or async code that computes synchronously).</summary>
    One,

    /// <summary>Every item at once (a thread, a task or a process per item).</summary>
    PerItem,

    /// <summary>At most K items at once, K being the benchmark's <c>K</c> parameter.</summary>
    K,

    /// <summary>At most a fixed number of items at once, whatever the parameters (one worker per silo of a cluster).</summary>
    Fixed,
}

/// <summary>Says how many items the benchmark's strategy can run at once.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WorkersAttribute : Attribute
{
    /// <summary>Initializes a new instance of the <see cref="WorkersAttribute"/> class.</summary>
    /// <param name="bound">The bound (not <see cref="WorkerBound.Fixed"/>: give the count instead).</param>
    public WorkersAttribute(WorkerBound bound)
    {
        if (bound == WorkerBound.Fixed)
        {
            throw new ArgumentException("a fixed bound needs its count: use Workers(count).", nameof(bound));
        }

        Bound = bound;
    }

    /// <summary>Initializes a new instance of the <see cref="WorkersAttribute"/> class for a fixed number of workers.</summary>
    /// <param name="count">The workers, at least 1.</param>
    public WorkersAttribute(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Bound = WorkerBound.Fixed;
        Count = count;
    }

    /// <summary>Gets the bound.</summary>
    public WorkerBound Bound { get; }

    /// <summary>Gets the number of workers of a <see cref="WorkerBound.Fixed"/> bound; 0 otherwise.</summary>
    public int Count { get; }

    /// <summary>Gets the bound as the run's record writes it: One, PerItem, K, or the fixed count.</summary>
    public string RecordValue => Bound == WorkerBound.Fixed ? Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : Bound.ToString();
}
