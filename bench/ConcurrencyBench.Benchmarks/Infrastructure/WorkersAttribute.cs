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
}

/// <summary>Says how many items the benchmark's strategy can run at once.</summary>
/// <param name="bound">The bound.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WorkersAttribute(WorkerBound bound) : Attribute
{
    /// <summary>Gets the bound.</summary>
    public WorkerBound Bound { get; } = bound;
}
