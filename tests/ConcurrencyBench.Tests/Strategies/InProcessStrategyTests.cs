using ConcurrencyBench.Strategies;

namespace ConcurrencyBench.Tests.Strategies;

public sealed class SequentialTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.Sequential;
}

public sealed class ThreadPerItemTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.ThreadPerItem;
}

public sealed class FixedThreadsTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.FixedThreads(3);
}

public sealed class TaskWhenAllTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.TaskWhenAll;
}

public sealed class TaskRunPerItemTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.TaskRunPerItem;
}

public sealed class ParallelForEachTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.ParallelForEach(3);
}

public sealed class ParallelForEachAsyncTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.ParallelForEachAsync(3);
}

public sealed class PlinqTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.Plinq(3);
}

/// <summary>Largest first over K threads on a queue, with costs that reorder every item (index mod 7, descending).</summary>
public sealed class FixedThreadsLargestFirstTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.LargestFirst(ConcurrencyStrategies.FixedThreads(3), i => i % 7);
}

/// <summary>Largest first over Parallel.ForEach.</summary>
public sealed class ParallelForEachLargestFirstTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.LargestFirst(ConcurrencyStrategies.ParallelForEach(3), i => i % 7);
}

/// <summary>Largest first over PLINQ.</summary>
public sealed class PlinqLargestFirstTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.LargestFirst(ConcurrencyStrategies.Plinq(3), i => i % 7);
}

/// <summary>Largest first over Parallel.ForEachAsync.</summary>
public sealed class ParallelForEachAsyncLargestFirstTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.LargestFirst(ConcurrencyStrategies.ParallelForEachAsync(3), i => i % 7);
}

/// <summary>Parallel.ForEach over ranges of 4 items.</summary>
public sealed class ParallelForRangesTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.ParallelForRanges(4, 3);
}

/// <summary>Parallel.ForEach over the ranges the partitioner picks.</summary>
public sealed class ParallelForDefaultRangesTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.ParallelForRanges(null, 3);
}

/// <summary>The channel pipeline over a workload that is not staged: its asynchronous form is the first stage.</summary>
public sealed class ChannelPipelineTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.ChannelPipeline(fetchers: 4, workers: 2, capacity: 3);
}
