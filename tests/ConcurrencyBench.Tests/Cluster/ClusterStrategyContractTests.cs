using ConcurrencyBench.Cluster;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Tests.Strategies;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Cluster;

/// <summary>The strategy contract on a 2-silo cluster, items on worker slots of distinct keys.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterDistinctKeysTests(ClusterFixture fixture) : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => fixture.Cluster.CreateStrategy(ClusterPlacement.DistinctKeys);

    protected override void AssertItemFailure(Exception exception, int index) => ClusterAssert.ItemFailure(exception, index);
}

/// <summary>The strategy contract on a 2-silo cluster, one stateless worker per silo.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterOneWorkerPerSiloTests(ClusterFixture fixture) : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => fixture.Cluster.CreateStrategy(ClusterPlacement.OneWorkerPerSilo);

    protected override int ManyItems => 200;

    protected override void AssertItemFailure(Exception exception, int index) => ClusterAssert.ItemFailure(exception, index);
}

internal static class ClusterAssert
{
    /// <summary>An item that threw in a silo: its exception's type and message, as the process strategies report it.</summary>
    public static void ItemFailure(Exception exception, int index)
    {
        var failure = Assert.IsType<RemoteItemException>(exception);
        Assert.Contains(ProbeWorkload.FailureMessage(index), failure.Message);
        Assert.Contains(nameof(InvalidOperationException), failure.Message);
    }
}
