using System.Buffers;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Tests.Support;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Processes;

/// <summary>
/// A worker that stops reading (SIGSTOP) while the parent writes it more than its pipe holds: the write blocks, and
/// cancellation and dispose must still end, by killing the worker.
/// </summary>
public sealed class BlockedWriteTests
{
    private const int Large = 16 << 20;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RequestAsync_CancelledWhileItsWriteBlocks_ThrowsAndTheWorkerIsKilled()
    {
        WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30), maxFrameSize: Large + 1024);
        int pid = worker.ProcessId;
        try
        {
            Signals.Stop(pid);
            using var cts = new CancellationTokenSource();
            // A pipe write blocks its caller's thread: the request runs on one of its own.
            Task call = Task.Run(() => worker.Connection.RequestAsync("ipc.echo", new byte[Large], cts.Token));
            await Eventually.TrueAsync(() => worker.Connection.WriteInProgress);

            cts.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Bound));
            Assert.Empty(await ProcessProbe.WaitAllDeadAsync([pid]));
        }
        finally
        {
            Signals.Kill(pid);
            await worker.DisposeAsync();
        }
    }

    [Fact]
    public async Task ProcessPoolDisposeAsync_RunBlockedInAWriteWithNoItemTimeout_EndsAndKillsTheWorker()
    {
        var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, ItemTimeout = Timeout.InfiniteTimeSpan, MaxFrameSize = Large + 1024 });
        int pid = pool.WorkerProcessIds.Single();
        WorkerProcess worker = pool.WorkerIn(0)!;
        try
        {
            Signals.Stop(pid);
            Task run = Task.Run(() => pool.RunAsync(new LargeRequests(1)));
            await Eventually.TrueAsync(() => worker.Connection.WriteInProgress);

            await pool.DisposeAsync().AsTask().WaitAsync(Bound);

            await Assert.ThrowsAnyAsync<Exception>(() => run.WaitAsync(Bound));
            Assert.Empty(await ProcessProbe.WaitAllDeadAsync([pid]));
        }
        finally
        {
            Signals.Kill(pid);
            await pool.DisposeAsync();
        }
    }


    /// <summary>Items whose requests are larger than a pipe holds (the worker would refuse them; it never reads them).</summary>
    private sealed class LargeRequests(int count) : IRemoteWorkload<int>
    {
        public string Id => DiagnosticWorkload.WorkloadId;

        public int Count => count;

        public int Execute(int index, CancellationToken cancellationToken) => index;

        public ValueTask<int> ExecuteAsync(int index, CancellationToken cancellationToken) => ValueTask.FromResult(index);

        public void WriteRequest(int index, IBufferWriter<byte> writer) => writer.Write(new byte[Large]);

        public int ReadResult(ReadOnlySequence<byte> payload) => 0;
    }
}
