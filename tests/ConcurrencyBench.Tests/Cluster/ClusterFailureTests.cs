using System.Net;
using ConcurrencyBench.Cluster;
using ConcurrencyBench.Tests.Support;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Cluster;

/// <summary>Silos killed in the middle of a run, and clusters ended every way: each test starts its own cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterFailureTests
{
    // Each item's wait: long enough that the kill lands mid-run however late the test's poll wakes (400 items of
    // 20 ms on 4 slots take about two seconds; at 5 ms the run could end before a delayed poll saw it start).
    private const int ItemDelayMs = 20;

    private static DiagnosticWorkload SlowSquares() => new(400, DiagnosticBehavior.Square, delayMs: ItemDelayMs);

    // With chunks, the kill finds chunks in flight on the silo (four items of 20 ms each): each is made again whole on
    // the survivor, and every item is still answered, and counted, exactly once.
    [Theory]
    [InlineData(ClusterPlacement.DistinctKeys, 1)]
    [InlineData(ClusterPlacement.OneWorkerPerSilo, 1)]
    [InlineData(ClusterPlacement.DistinctKeys, 4)]
    public async Task RunAsync_SecondarySiloSigkilledMidRun_ResultsCompleteAndCorrect(ClusterPlacement placement, int chunkSize)
    {
        await using OrleansCluster cluster = await OrleansCluster.StartAsync(new ClusterStartOptions { ServesDiagnosticWorkloads = true, Silos = 2 });
        ClusterStrategy strategy = cluster.CreateStrategy(placement, chunkSize: chunkSize);
        DiagnosticWorkload workload = SlowSquares();

        Task<int[]> run = strategy.RunAsync(workload);
        await Eventually.TrueAsync(() => strategy.ItemsPerSilo.GetValueOrDefault(1) >= 5 || run.IsCompleted);
        Assert.False(run.IsCompleted, "the run ended before the kill: make its items slower");
        long done = strategy.ItemsPerSilo.Values.Sum();
        var sinceKill = System.Diagnostics.Stopwatch.StartNew();
        int killed = cluster.KillSilo(1);
        int[] results = await run.WaitAsync(TimeSpan.FromSeconds(60));
        TimeSpan afterKill = sinceKill.Elapsed;
        Assert.Equal(Enumerable.Range(0, workload.Count).Select(i => i * i), results);
        Assert.Equal(workload.Count, strategy.LastRunItemsPerSilo.Values.Sum());
        Assert.Empty(await ProcessProbe.WaitAllDeadAsync([killed]));
        // The survivor goes on alone.
        Assert.Equal(Enumerable.Range(0, 30).Select(i => i * i), await strategy.RunAsync(new DiagnosticWorkload(30)));
        Assert.Equal([0], strategy.LastRunItemsPerSilo.Keys);

        // Liveness, not speed: the run must not wait out Orleans' timeouts after the kill (a lost silo once cost a
        // 30 s response timeout, and 13.8 s here with Orleans' default death declaration of three missed 5 s probes).
        // The bound is the items left, run again on the survivor alone on this machine as it is now, three times over,
        // plus 5 s for the failover: a loaded machine slows both.
        var rest = System.Diagnostics.Stopwatch.StartNew();
        await strategy.RunAsync(new DiagnosticWorkload((int)(workload.Count - done), DiagnosticBehavior.Square, delayMs: ItemDelayMs));
        TimeSpan bound = TimeSpan.FromSeconds(5) + (3 * rest.Elapsed);
        Assert.True(afterKill < bound, $"the run ended {afterKill.TotalSeconds:0.0} s after the kill; the items left take {rest.Elapsed.TotalSeconds:0.0} s on the survivor");
    }

    [Fact]
    public async Task RunAsync_PrimarySiloSigkilledMidRun_ThrowsOneClearError()
    {
        // Grain calls wait up to a minute for an answer here, so an error that came from a timeout would come a minute
        // after the kill at the earliest; the primary's exit must be noticed as it happens.
        await using OrleansCluster cluster = await OrleansCluster.StartAsync(new ClusterStartOptions { ServesDiagnosticWorkloads = true, Silos = 2, ResponseTimeout = TimeSpan.FromSeconds(60) });
        ClusterStrategy strategy = cluster.CreateStrategy();

        Task<int[]> run = strategy.RunAsync(SlowSquares());
        await Eventually.TrueAsync(() => strategy.ItemsPerSilo.GetValueOrDefault(0) >= 5 || run.IsCompleted);
        Assert.False(run.IsCompleted, "the run ended before the kill: make its items slower");
        var sinceKill = System.Diagnostics.Stopwatch.StartNew();
        int pid = cluster.KillSilo(0);
        var ex = await Assert.ThrowsAsync<ClusterPrimaryLostException>(() => run.WaitAsync(TimeSpan.FromSeconds(120)));

        // Liveness, not speed: well under the minute a timeout would take, with room for a loaded machine.
        Assert.True(sinceKill.Elapsed < TimeSpan.FromSeconds(30), $"the run failed {sinceKill.Elapsed.TotalSeconds:0.0} s after the primary's kill: a timeout, not the exit, ended it");

        Assert.Equal(pid, ex.ProcessId);
        Assert.Contains($"primary silo (silo 0, pid {pid})", ex.Message);
        Assert.Contains("cannot continue", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        // Every later run says the same at once.
        await Assert.ThrowsAsync<ClusterPrimaryLostException>(() => strategy.RunAsync(new DiagnosticWorkload(3)));
    }

    [Fact]
    public async Task DisposeAsync_AfterARun_NoSiloIsLeftAndItsPortsAreFree()
    {
        OrleansCluster cluster = await OrleansCluster.StartAsync(new ClusterStartOptions { ServesDiagnosticWorkloads = true, Silos = 2 });
        await cluster.CreateStrategy().RunAsync(new DiagnosticWorkload(10));
        IPEndPoint[] ports = [.. cluster.Silos.SelectMany(s => new[] { s.SiloEndpoint, s.GatewayEndpoint })];

        await cluster.DisposeAsync();

        Assert.Empty(await ClusterProbe.WaitNoSiloOfAsync(cluster.ClusterId));
        Assert.All(ports, p => Assert.True(ClusterProbe.IsFree(p), $"{p} is still taken"));
    }

    [Fact]
    public async Task StartAsync_CancelledWhileSilosStart_NoSiloIsLeft()
    {
        string clusterId = $"cancelled-{Guid.NewGuid():N}";
        using var cts = new CancellationTokenSource();
        Task<OrleansCluster> start = OrleansCluster.StartAsync(new ClusterStartOptions { ServesDiagnosticWorkloads = true, Silos = 2, ClusterId = clusterId }, cts.Token);
        // Cancelled once the first silo process exists: a Ctrl+C in the middle of the start.
        await Eventually.TrueAsync(() => ClusterProbe.SilosOf(clusterId).Length > 0 || start.IsCompleted);
        await cts.CancelAsync();

        try
        {
            await using OrleansCluster unexpected = await start;
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Empty(await ClusterProbe.WaitNoSiloOfAsync(clusterId));
    }

    [Fact]
    public async Task RunAsync_CancelledMidRun_ThrowsAndTheClusterRunsTheNextWorkload()
    {
        await using OrleansCluster cluster = await OrleansCluster.StartAsync(new ClusterStartOptions { ServesDiagnosticWorkloads = true, Silos = 1 });
        ClusterStrategy strategy = cluster.CreateStrategy();
        using var cts = new CancellationTokenSource();
        using var markers = new WorkerMarkers();

        // Mid-run: cancelled once items are blocked inside the silo (their markers say so), not after a guessed delay.
        Task<int[]> run = strategy.RunAsync(new DiagnosticWorkload(20, DiagnosticBehavior.BlockUntilCancelled, markerFolder: markers.Folder), cts.Token);
        await Eventually.TrueAsync(() => markers.Running > 0 || run.IsCompleted);
        Assert.False(run.IsCompleted, "the run ended before any item blocked");
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(markers.Started < 20, $"{markers.Started} of 20 items started: the cancellation came after the run, not in it");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * i), await strategy.RunAsync(new DiagnosticWorkload(10)));
    }

    [Fact]
    public async Task StartAsync_BadOptions_Throw()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OrleansCluster.StartAsync(new ClusterStartOptions { ServesDiagnosticWorkloads = true, Silos = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OrleansCluster.StartAsync(new ClusterStartOptions { ResponseTimeout = TimeSpan.Zero }));
        await Assert.ThrowsAsync<ArgumentException>(() => OrleansCluster.ConnectAsync([], "c", "s"));
    }
}
