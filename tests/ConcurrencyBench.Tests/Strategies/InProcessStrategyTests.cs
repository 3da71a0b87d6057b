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
