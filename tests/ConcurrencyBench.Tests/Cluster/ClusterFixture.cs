using ConcurrencyBench.Cluster;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Cluster;

/// <summary>One 2-silo cluster shared by the tests that do not kill silos: each silo start costs about a second.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public OrleansCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await OrleansCluster.StartAsync(new ClusterStartOptions { ServesDiagnosticWorkloads = true, Silos = 2 });

    public async Task DisposeAsync()
    {
        int[] pids = [.. Cluster.Silos.Select(s => s.ProcessId)];
        await Cluster.DisposeAsync();
        Assert.Empty(await ProcessProbe.WaitAllDeadAsync(pids));
    }
}

/// <summary>
/// The cluster tests, one at a time: they share a cluster, or start and kill their own, and each silo wants the cores
/// (two clusters side by side would make failover tests slow and placement counts meaningless).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "orleans cluster";
}
