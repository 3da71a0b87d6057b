using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Strategies;

public sealed class StrategyArgumentTests
{
    public static TheoryData<string, Func<int, IConcurrencyStrategy>> BoundedStrategies => new()
    {
        { "FixedThreads", k => ConcurrencyStrategies.FixedThreads(k) },
        { "ParallelForEach", k => ConcurrencyStrategies.ParallelForEach(k) },
        { "ParallelForEachAsync", k => ConcurrencyStrategies.ParallelForEachAsync(k) },
        { "Plinq", k => ConcurrencyStrategies.Plinq(k) },
    };

    [Theory]
    [MemberData(nameof(BoundedStrategies))]
    public void Create_WorkersBelowOne_ThrowsArgumentOutOfRange(string name, Func<int, IConcurrencyStrategy> create)
    {
        Assert.NotNull(name);
        Assert.Throws<ArgumentOutOfRangeException>(() => create(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => create(-3));
    }

    [Theory]
    [MemberData(nameof(BoundedStrategies))]
    public void Create_DefaultWorkers_IsTheCoreCount(string name, Func<int, IConcurrencyStrategy> create)
    {
        Assert.NotNull(create);
        IConcurrencyStrategy strategy = name switch
        {
            "FixedThreads" => ConcurrencyStrategies.FixedThreads(),
            "ParallelForEach" => ConcurrencyStrategies.ParallelForEach(),
            "ParallelForEachAsync" => ConcurrencyStrategies.ParallelForEachAsync(),
            _ => ConcurrencyStrategies.Plinq(),
        };
        Assert.Equal($"{name}({Environment.ProcessorCount})", strategy.Name);
    }

    [Fact]
    public void Workloads_NegativeCount_ThrowArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ApiAggregationWorkload(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ApiAggregationWorkload(1, TimeSpan.FromMilliseconds(-1)));
        Assert.Throws<ArgumentNullException>(() => new PrimeCheckWorkload(null!));
    }
}
