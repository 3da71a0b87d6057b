using System.Buffers;
using ConcurrencyBench.Cluster;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Processes.Protocol;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Tests.Support;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Cluster;

/// <summary>What the cluster strategies do beyond the contract, on the shared 2-silo cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterStrategyTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(ClusterPlacement.DistinctKeys)]
    [InlineData(ClusterPlacement.OneWorkerPerSilo)]
    public async Task RunAsync_PrimeChecks_EqualSequentialAndEverySiloRanSome(ClusterPlacement placement)
    {
        ClusterStrategy strategy = fixture.Cluster.CreateStrategy(placement);
        var workload = new PrimeCheckWorkload();

        bool[] results = await strategy.RunAsync(workload);

        Assert.Equal(await ConcurrencyStrategies.Sequential.RunAsync(workload), results);
        Assert.Equal([0, 1], strategy.LastRunItemsPerSilo.Keys);
        Assert.All(strategy.LastRunItemsPerSilo.Values, n => Assert.True(n > 0));
        Assert.Equal(workload.Count, strategy.LastRunItemsPerSilo.Values.Sum());
    }

    [Fact]
    public async Task ItemsPerSilo_AddsUpOverRunsUntilReset()
    {
        ClusterStrategy strategy = fixture.Cluster.CreateStrategy();

        await strategy.RunAsync(new DiagnosticWorkload(10));
        await strategy.RunAsync(new DiagnosticWorkload(7));
        long afterTwo = strategy.ItemsPerSilo.Values.Sum();
        strategy.ResetItemsPerSilo();
        await strategy.RunAsync(new DiagnosticWorkload(3));

        Assert.Equal(17, afterTwo);
        Assert.Equal(3, strategy.ItemsPerSilo.Values.Sum());
        Assert.Equal(3, strategy.LastRunItemsPerSilo.Values.Sum());
    }

    [Fact]
    public async Task RunAsync_WorkloadWithoutRemoteForm_ThrowsArgumentException()
    {
        var local = new LocalOnlyWorkload();

        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Cluster.CreateStrategy().RunAsync(local));
    }

    [Fact]
    public async Task RunAsync_UnregisteredWorkloadId_FailsWithUnknownWorkload()
    {
        var ex = await Assert.ThrowsAsync<WorkerProtocolException>(() => fixture.Cluster.CreateStrategy().RunAsync(new UnregisteredWorkload()));

        Assert.Equal(WorkerErrorCode.UnknownWorkload, ex.Code);
        Assert.Contains("no-such-workload", ex.Message);
    }

    [Fact]
    public void CreateStrategy_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Cluster.CreateStrategy(ClusterPlacement.DistinctKeys, workersPerSilo: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Cluster.CreateStrategy((ClusterPlacement)42));
    }

    [Fact]
    public void Silos_TheFirstIsThePrimaryAndEachHasItsOwnPorts()
    {
        IReadOnlyList<SiloInfo> silos = fixture.Cluster.Silos;

        Assert.Equal([0, 1], silos.Select(s => s.Index));
        Assert.Equal([true, false], silos.Select(s => s.IsPrimary));
        Assert.Equal(4, silos.SelectMany(s => new[] { s.SiloEndpoint.Port, s.GatewayEndpoint.Port }).Distinct().Count());
        Assert.All(silos, s => Assert.True(System.Net.IPAddress.IsLoopback(s.GatewayEndpoint.Address)));
        Assert.True(fixture.Cluster.TimeToReady > TimeSpan.Zero);
    }

    [Fact]
    public async Task ConnectAsync_ExistingCluster_RunsWithoutStartingSilos()
    {
        OrleansCluster existing = fixture.Cluster;

        await using OrleansCluster connected = await OrleansCluster.ConnectAsync(
            [.. existing.Silos.Select(s => s.GatewayEndpoint)], existing.ClusterId, existing.ServiceId);
        int[] results = await connected.CreateStrategy().RunAsync(new DiagnosticWorkload(20));

        Assert.Empty(connected.Silos);
        Assert.Equal(2, connected.ActiveSilosAtStart);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * i), results);
    }

    private sealed class LocalOnlyWorkload : IWorkload<int>
    {
        public string Id => "local-only";

        public int Count => 3;

        public int Execute(int index, CancellationToken cancellationToken) => index;

        public ValueTask<int> ExecuteAsync(int index, CancellationToken cancellationToken) => ValueTask.FromResult(index);
    }

    private sealed class UnregisteredWorkload : IRemoteWorkload<int>
    {
        public string Id => "no-such-workload";

        public int Count => 2;

        public int Execute(int index, CancellationToken cancellationToken) => index;

        public ValueTask<int> ExecuteAsync(int index, CancellationToken cancellationToken) => ValueTask.FromResult(index);

        public void WriteRequest(int index, IBufferWriter<byte> writer) => writer.Write([(byte)index]);

        public int ReadResult(ReadOnlySequence<byte> payload) => payload.FirstSpan[0];
    }
}
