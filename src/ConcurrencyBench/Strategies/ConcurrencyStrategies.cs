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

    /// <summary>Creates the Parallel.ForEach strategy over chunked ranges of items (<see cref="System.Collections.Concurrent.Partitioner.Create(int, int, int)"/>).</summary>
    /// <param name="rangeSize">The items per range, at least 1; null lets the partitioner pick (about three ranges per core).</param>
    /// <param name="maxDegreeOfParallelism">At most this many ranges at once, at least 1; the core count when null.</param>
    public static IConcurrencyStrategy ParallelForRanges(int? rangeSize = null, int? maxDegreeOfParallelism = null) =>
        new ParallelForRanges(rangeSize, maxDegreeOfParallelism ?? DefaultWorkers);

    /// <summary>
    /// Creates the two-stage pipeline on System.Threading.Channels: <paramref name="fetchers"/> asynchronous fetchers
    /// feed a channel of <paramref name="capacity"/> inputs that <paramref name="workers"/> pool workers compute from.
    /// </summary>
    /// <param name="fetchers">Inputs waited for at once, at least 1.</param>
    /// <param name="workers">Items computed at once, at least 1; the core count when null.</param>
    /// <param name="capacity">Fetched inputs the channel holds before fetchers wait (the backpressure), at least 1; twice the workers when null.</param>
    public static IConcurrencyStrategy ChannelPipeline(int fetchers, int? workers = null, int? capacity = null)
    {
        int w = workers ?? DefaultWorkers;
        return new ChannelPipeline(fetchers, w, capacity ?? 2 * Math.Max(1, w));
    }

    /// <summary>
    /// Wraps <paramref name="strategy"/> so that it runs the items largest first (the LPT schedule) and still returns
    /// their results in input order.
    /// </summary>
    /// <param name="strategy">A strategy that hands out items one at a time in index order.</param>
    /// <param name="costOf">The cost of the item of an index (any unit; finite, 0 or more).</param>
    public static IConcurrencyStrategy LargestFirst(IConcurrencyStrategy strategy, Func<int, double> costOf) =>
        new LargestFirst(strategy, costOf);
}
