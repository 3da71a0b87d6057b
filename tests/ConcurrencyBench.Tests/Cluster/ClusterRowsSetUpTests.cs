using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Cluster;

namespace ConcurrencyBench.Tests.Cluster;

/// <summary>A cluster row's set-up that fails after its silos started ends them: nothing else holds them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRowsSetUpTests
{
    [Fact]
    public async Task Start_WarmUpThrows_TheStartedSilosEnd_AndTheErrorIsTheWarmUps()
    {
        string clusterId = "cluster-rows-" + Guid.NewGuid().ToString("N")[..12];

        var thrown = Assert.Throws<InvalidOperationException>(() => ClusterRows.Start(
            silos: 2, ClusterPlacement.DistinctKeys, workers: 2, _ => throw new InvalidOperationException("warm-up failed"), clusterId));

        Assert.Equal("warm-up failed", thrown.Message);
        Assert.Empty(await ClusterProbe.WaitNoSiloOfAsync(clusterId, TimeSpan.FromSeconds(10)));
    }
}
