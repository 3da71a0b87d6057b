using ConcurrencyBench.Benchmarks.Running;

namespace ConcurrencyBench.Tests.Benchmarks;

/// <summary>The check of the cores' ceiling: what it records, never how fast (no timed tests).</summary>
public sealed class CoreScalingCheckTests
{
    [Fact]
    public void Measure_TwoPairs_RecordsTwoPositiveFiniteSpeedupsForItsThreads()
    {
        var check = new CoreScalingCheck(2);

        check.Measure(2);

        var record = check.ToRecord();
        Assert.NotNull(record);
        Assert.Equal(2, record.Threads);
        Assert.Equal(2, record.Speedups.Count);
        Assert.All(record.Speedups, s => Assert.True(double.IsFinite(s) && s > 0, $"speedup {s}"));
    }

    [Fact]
    public void Measure_OneThreadOrNoPairs_RecordsNothing()
    {
        var single = new CoreScalingCheck(1);
        single.Measure(3);
        var none = new CoreScalingCheck(2);
        none.Measure(0);

        Assert.Null(single.ToRecord());
        Assert.Null(none.ToRecord());
        Assert.Throws<ArgumentOutOfRangeException>(() => new CoreScalingCheck(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => none.Measure(-1));
    }

    [Fact]
    public void Measure_AsAnEventProcessor_MeasuresItsPairsBeforeEachClass()
    {
        var check = new CoreScalingCheck(2);

        check.OnStartRunBenchmarksInType(typeof(object), []);
        check.OnStartRunBenchmarksInType(typeof(string), []);

        Assert.Equal(2 * CoreScalingCheck.PairsPerClass, check.ToRecord()!.Speedups.Count);
    }
}
