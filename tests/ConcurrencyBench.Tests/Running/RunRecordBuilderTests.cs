using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Benchmarks.Running;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Tests.Running;

public sealed class RunRecordBuilderTests
{
    [Fact]
    public void Build_TakesEveryInputIntoTheOneRecord_CPythonClassesAfterDotNets()
    {
        var cpython = new CPythonRecord(BenchmarkStatus.Measured, null, "CPython", "3.13.0", true, false, "fork", "/usr/bin/python3", 30);
        var exercise = new ClassRecord("CPythonWaitingWork", "CPython beside .NET, waiting work", QuestionKind.StrategyComparison, null, null, null, null, CPythonRecord.RuntimeName);
        var row = new BenchmarkRecord("CPythonWaitingWork.Sequential", "CPythonWaitingWork", "Sequential", [], "", true, [], null, false, "One", "Blocking", null, null, BenchmarkStatus.Measured, null, null, null);
        var started = new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

        RunRecord run = RunRecordBuilder.Build(new RunInputs(
            Profile.Quick, [], new Dictionary<BenchmarkDotNet.Running.BenchmarkCase, string>(), started, started.AddMinutes(9), ["one failure"],
            new CoreScalingRecord(2, [1.5, 1.9]), 2.5, 4, cpython, new CPythonRun(cpython, [exercise], [row])));

        Assert.Equal("quick", run.Profile.Name);
        Assert.Equal(TimeSpan.FromMinutes(9), run.Duration);
        Assert.Equal(["one failure"], run.Failures);
        Assert.Equal([1.5, 1.9], run.CoreScaling!.Speedups);
        Assert.Equal(2.5, run.StealPercent);
        Assert.Equal(4, run.TimerTickMilliseconds);
        Assert.Same(cpython, run.CPython);
        Assert.Equal([exercise], run.Classes);
        Assert.Equal([row], run.Benchmarks);
    }

    [Fact]
    public void ClusterOf_NoLaunchReportedACluster_IsNull()
    {
        Assert.Null(RunRecordBuilder.ClusterOf([]));
        Assert.Null(RunRecordBuilder.ClusterOf([null, Facts(cluster: null)]));
    }

    [Fact]
    public void ClusterOf_SeveralLaunches_MostSilosSlowestReadyInSecondsAndItemsSummedBySilo()
    {
        ClusterRecord record = RunRecordBuilder.ClusterOf([
            Facts(new ClusterFacts(2, 1500, [10, 12], Existing: false)),
            null,
            Facts(new ClusterFacts(2, 2500, [5, 7], Existing: false)),
        ])!;

        Assert.Equal(2, record.Silos);
        Assert.Equal(2.5, record.TimeToReadySeconds, 9);
        Assert.Equal([15L, 19L], record.ItemsPerSilo);
        Assert.False(record.Existing);
    }

    [Fact]
    public void ClusterOf_LaunchesWithDifferentSiloCounts_SumsByIndexWithMissingSilosAsZero()
    {
        ClusterRecord record = RunRecordBuilder.ClusterOf([
            Facts(new ClusterFacts(1, 100, [4], Existing: false)),
            Facts(new ClusterFacts(2, 200, [1, 2, 3], Existing: false)),
        ])!;

        Assert.Equal(2, record.Silos);
        Assert.Equal([5L, 2L, 3L], record.ItemsPerSilo);
    }

    [Fact]
    public void ClusterOf_AnyLaunchOnAnExistingCluster_IsExisting()
    {
        ClusterRecord record = RunRecordBuilder.ClusterOf([
            Facts(new ClusterFacts(2, 100, [1, 1], Existing: false)),
            Facts(new ClusterFacts(2, 100, [1, 1], Existing: true)),
        ])!;

        Assert.True(record.Existing);
    }

    private static BenchmarkFacts Facts(ClusterFacts? cluster) => new(1, 0, null, null, Cluster: cluster);
}
