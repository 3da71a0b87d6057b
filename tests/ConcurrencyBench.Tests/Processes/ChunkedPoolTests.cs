using ConcurrencyBench.Processes;
using ConcurrencyBench.Tests.Support;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Processes;

/// <summary>The pool with several items per request (<see cref="ProcessStrategyOptions.ChunkSize"/>): answers and
/// failures stay per item, and a worker lost with a chunk charges none of its items.</summary>
public sealed class ChunkedPoolTests
{
    // Chunk sizes against item counts: dividing them, not dividing them, larger than the count, and the pool's choice.
    public static TheoryData<int, int> ChunksAndCounts => new()
    {
        { 2, 8 },
        { 3, 10 },
        { 4, 23 },
        { 16, 5 },
        { ProcessStrategyOptions.MaxChunkSize, 300 },
        { ProcessStrategyOptions.AutoChunkSize, 37 },
    };

    [Theory]
    [MemberData(nameof(ChunksAndCounts))]
    public async Task RunAsync_Chunked_EveryResultInInputOrder(int chunkSize, int count)
    {
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 2, InFlightPerWorker = 2, ChunkSize = chunkSize });

        int[] results = await pool.RunAsync(new DiagnosticWorkload(count)).WaitAsync(Eventually.Bound);

        Assert.Equal(Enumerable.Range(0, count).Select(i => i * i), results);
        // And again on the same workers: a run leaves nothing behind for the next.
        Assert.Equal(Enumerable.Range(0, count).Select(i => i * i), await pool.RunAsync(new DiagnosticWorkload(count)).WaitAsync(Eventually.Bound));
        Assert.Equal(0, pool.Replacements);
    }

    [Fact]
    public async Task RunAsync_OneItemFailsInsideAChunk_OnlyThatItemFailsAndItsChunkMatesAreComputed()
    {
        using var markers = new WorkerMarkers();
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, ChunkSize = 8 });

        var ex = await Assert.ThrowsAsync<RemoteItemException>(() => pool.RunAsync(new DiagnosticWorkload(8, DiagnosticBehavior.FailAtIndex, targetIndex: 3, markerFolder: markers.Folder)));

        Assert.Contains(DiagnosticWorkload.FailureMessage(3), ex.Message);
        // One request, computed in one worker, which went on: every item ran once, the failed one too.
        Assert.Equal(Enumerable.Range(0, 8), markers.StartedIndices.Order());
        Assert.Equal(Enumerable.Range(0, 8), markers.FinishedIndices.Order());
        Assert.Equal(0, pool.Replacements);
        Assert.Equal(new[] { 0, 1, 4 }, await pool.RunAsync(new DiagnosticWorkload(3)));
    }

    [Fact]
    public async Task RunAsync_WorkerKilledWhileItHoldsChunks_EveryItemAnsweredOnceAndNoneCharged()
    {
        const int ChunkSize = 4;
        const int InFlight = 2;
        // One attempt each: a chunk's loss charged to any of its items would fail that item.
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, MaxAttempts = 1, InFlightPerWorker = InFlight, ChunkSize = ChunkSize });
        WorkerProcess first = pool.WorkerIn(0)!;
        // Item 5's first request makes the worker hang in it: the kill lands while the worker holds the chunk of items
        // 4 to 7 (computing item 5) and the chunk of 8 to 11 queued behind it.
        var workload = new DispatchCounter(new DiagnosticWorkload(16), killAfter: 0) { HangOnFirstDispatchOf = 5, RequestsSent = () => [first.Connection.RequestsSent] };

        Task<int[]> run = pool.RunAsync(workload);
        int? killed = await workload.KillWhenItHoldsAsync(pool, first, InFlight);
        int[] results = await run.WaitAsync(Eventually.Bound);

        Assert.Equal(Enumerable.Range(0, 16).Select(i => i * i), results);
        Assert.Equal(first.ProcessId, killed);
        Assert.Equal(1, pool.Replacements);
        // The two chunks the killed worker held went again, each item once; every other item was sent once.
        Assert.Equal(Enumerable.Range(4, ChunkSize * InFlight), workload.RedispatchedIndices);
        Assert.Equal(16 + (ChunkSize * InFlight), workload.Dispatches);
        Assert.Empty(await ProcessProbe.WaitAllDeadAsync([first.ProcessId]));
    }

    [Fact]
    public async Task RunAsync_ItemCrashesEveryWorkerInsideAChunk_ItAloneIsChargedAndItsChunkMatesAreNot()
    {
        using var markers = new WorkerMarkers();
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, MaxAttempts = 2, ChunkSize = 4 });

        var ex = await Assert.ThrowsAsync<WorkerExitedException>(() => pool.RunAsync(new DiagnosticWorkload(8, DiagnosticBehavior.CrashAtIndex, targetIndex: 2, markerFolder: markers.Folder)));

        Assert.Contains("item 2 ", ex.Message);
        Assert.Contains("2 workers were lost", ex.Message);
        Assert.Contains($"code {DiagnosticWorkload.CrashExitCode}", ex.Message);
        // The chunk of items 0 to 3 died with its worker in item 2, charging nobody; its items went again one per
        // request: 0 and 1 succeeded, and item 2 killed two more workers, the two attempts it had.
        Assert.Equal([0, 0, 1, 1, 2, 2, 2], markers.StartedIndices.Order());
        Assert.Equal([0, 0, 1, 1], markers.FinishedIndices.Where(i => i != 2).Order());
        Assert.Equal(2, pool.Replacements);
        Assert.Equal(new[] { 0, 1, 4, 9 }, await pool.RunAsync(new DiagnosticWorkload(4)));
    }

    [Fact]
    public async Task RunAsync_WorkerDiedIdleBeforeAChunkWasSent_ItsItemsGoAgainOneByOneUncharged()
    {
        // One attempt each: charging the chunk's items for a worker that never had them would fail them uncomputed.
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, MaxAttempts = 1, ChunkSize = 3 });
        // The worker dies while the chunk's first item is encoded, before the chunk is written.
        var workload = new DispatchCounter(new DiagnosticWorkload(3), killAfter: 1)
        {
            OnThreshold = () =>
            {
                WorkerProcess worker = pool.WorkerIn(0)!;
                pool.KillWorker(0);
                Assert.True(worker.Connection.Completion.Wait(TimeSpan.FromSeconds(30)));
            },
        };

        int[] results = await pool.RunAsync(workload).WaitAsync(Eventually.Bound);

        Assert.Equal([0, 1, 4], results);
        Assert.Equal([0, 1, 2], workload.RedispatchedIndices);
        Assert.Equal(1, pool.Replacements);
    }

    [Fact]
    public async Task RunAsync_ItemHangsInsideAChunk_TheChunkIsNotChargedAndTheItemTimesOutAlone()
    {
        // The chunk has the item timeout for each of its four items; once it has run out, its items go again one by
        // one, and only the hanging one times out, with the one attempt it has.
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, MaxAttempts = 1, ChunkSize = 4, ItemTimeout = TimeSpan.FromSeconds(2) });
        using var markers = new WorkerMarkers();

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => pool.RunAsync(new DiagnosticWorkload(4, DiagnosticBehavior.HangAtIndex, targetIndex: 1, markerFolder: markers.Folder)));

        Assert.Contains("item 1 ", ex.Message);
        Assert.Contains("timed out on 1 workers", ex.Message);
        // In the chunk, items 0 and 1 started (2, 3 never did, behind the hang); then 0 and 1 again, one by one.
        Assert.Equal([0, 0, 1, 1], markers.StartedIndices.Order());
        // The chunk's worker was replaced; the one item 1 hung next is not (the run had failed).
        Assert.Equal(1, pool.Replacements);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileWorkersComputeChunks_NoWorkerIsLeft()
    {
        using var markers = new WorkerMarkers();
        var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 2, InFlightPerWorker = 2, ChunkSize = 3 });
        int[] pids = [.. pool.WorkerProcessIds];
        using var cts = new CancellationTokenSource();

        Task<int[]> run = pool.RunAsync(new DiagnosticWorkload(24, DiagnosticBehavior.BlockUntilCancelled, markerFolder: markers.Folder), cts.Token);
        // Both workers are inside a chunk.
        await Eventually.TrueAsync(() => pids.All(pid => markers.RunningIn(pid).Length > 0));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.All(pids, pid => Assert.False(ProcessProbe.IsAlive(pid)));
        Assert.Equal(new[] { 0, 1, 4 }, await pool.RunAsync(new DiagnosticWorkload(3)));
        int[] replacements = [.. pool.WorkerProcessIds];
        await pool.DisposeAsync();
        Assert.Empty(await ProcessProbe.WaitAllDeadAsync(replacements));
        Assert.Empty(WorkerRegistry.LiveProcessIds.Intersect([.. pids, .. replacements]));
    }

    [Fact]
    public async Task StartAsync_ChunkSizeOutOfRange_ThrowsArgumentOutOfRangeNamingTheRange()
    {
        foreach (int chunkSize in new[] { -1, ProcessStrategyOptions.MaxChunkSize + 1 })
        {
            var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ProcessPool.StartAsync(new ProcessStrategyOptions { ChunkSize = chunkSize }));
            Assert.Equal(nameof(ProcessStrategyOptions.ChunkSize), ex.ParamName);
            Assert.Contains($"from 1 to {ProcessStrategyOptions.MaxChunkSize}", ex.Message);
        }
    }

    [Fact]
    public void ChunkSize_Default_IsOneItemPerRequest() => Assert.Equal(1, new ProcessStrategyOptions().ChunkSize);
}
