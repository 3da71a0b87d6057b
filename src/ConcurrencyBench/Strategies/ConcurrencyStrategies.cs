namespace ConcurrencyBench.Strategies;

/// <summary>Creates the in-process concurrency strategies.</summary>
public static class ConcurrencyStrategies
{
    /// <summary>Gets the baseline: every item in turn on the calling thread.</summary>
    public static IConcurrencyStrategy Sequential => Strategies.Sequential.Instance;

    /// <summary>Gets the strategy that starts one dedicated thread per item.</summary>
    public static IConcurrencyStrategy ThreadPerItem => Strategies.ThreadPerItem.Instance;

    /// <summary>Gets the strategy that starts every item's asynchronous form and awaits them with <see cref="Task.WhenAll(Task[])"/>.</summary>
    public static IConcurrencyStrategy TaskWhenAll => Strategies.TaskWhenAll.Instance;

    /// <summary>Gets the strategy that queues every item's blocking form with <see cref="Task.Run(Action)"/>.</summary>
    public static IConcurrencyStrategy TaskRunPerItem => Strategies.TaskRunPerItem.Instance;

    /// <summary>Gets the default worker count: the number of cores.</summary>
    public static int DefaultWorkers => Environment.ProcessorCount;

    /// <summary>Creates the strategy of K dedicated threads that pull items from a queue.</summary>
    /// <param name="workers">K, at least 1; the core count when null.</param>
    public static IConcurrencyStrategy FixedThreads(int? workers = null) => new FixedThreads(workers ?? DefaultWorkers);

    /// <summary>Creates the <see cref="System.Threading.Tasks.Parallel.ForEach{TSource}(IEnumerable{TSource}, Action{TSource})"/> strategy.</summary>
    /// <param name="maxDegreeOfParallelism">At most this many items at once, at least 1; the core count when null.</param>
    public static IConcurrencyStrategy ParallelForEach(int? maxDegreeOfParallelism = null) =>
        new ParallelForEach(maxDegreeOfParallelism ?? DefaultWorkers);

    /// <summary>Creates the <c>Parallel.ForEachAsync</c> strategy over the items' asynchronous form.</summary>
    /// <param name="maxDegreeOfParallelism">At most this many items at once, at least 1; the core count when null.</param>
    public static IConcurrencyStrategy ParallelForEachAsync(int? maxDegreeOfParallelism = null) =>
        new ParallelForEachAsync(maxDegreeOfParallelism ?? DefaultWorkers);

    /// <summary>Creates the PLINQ strategy (ordered, one item at a time).</summary>
    /// <param name="degreeOfParallelism">At most this many items at once, at least 1 (PLINQ caps it at 512); the core count when null.</param>
    public static IConcurrencyStrategy Plinq(int? degreeOfParallelism = null) => new Plinq(degreeOfParallelism ?? DefaultWorkers);
}
