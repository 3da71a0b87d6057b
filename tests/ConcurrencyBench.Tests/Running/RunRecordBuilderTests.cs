using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Benchmarks.Running;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Tests.Running;

public sealed class RunRecordBuilderTests
{
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
