using ConcurrencyBench.Ipc;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Tests.Processes;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Ipc;

/// <summary>Cancellation of a transport's calls when the worker has stopped (SIGSTOP): each ends, the worker killed.</summary>
[Collection(IpcCollection.Name)]
public sealed class TransportCancellationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task UnixSocketChecksumAsync_CancelledWhileItsWriteWaits_ThrowsAndTheWorkerIsKilled()
    {
        const int Large = 16 << 20;
        var pool = await TransportPool.StartAsync(TransportKind.UnixSocket, workers: 1, maxPayloadBytes: Large);
        int pid = pool.WorkerProcessIds.Single();
        var socket = (UnixSocketTransport)pool.Transports[0];
        try
        {
            Signals.Stop(pid);
            using var cts = new CancellationTokenSource();
            Task<ulong> call = socket.ChecksumAsync(new byte[Large], 1, cts.Token);
            await Eventually.TrueAsync(() => socket.WriteInProgress);

            cts.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Bound));
            Assert.Empty(await ProcessProbe.WaitAllDeadAsync([pid]));
        }
        finally
        {
            Signals.Kill(pid);
            await pool.DisposeAsync();
        }
    }

    [Fact]
    public async Task UnixSocketConnectAsync_WorkerStoppedBeforeItConnects_FailsAtTheSetUpBoundInOneLineAndLeavesNoEndpoint()
    {
        // The bound is 30 s in use; here 2 s, many times a connection's usual milliseconds: a stopped worker never
        // connects, however loaded the machine, so the bound is what ends the set-up.
        string parent = Directory.CreateTempSubdirectory("cb-socket-setup-").FullName;
        WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30));
        int pid = worker.ProcessId;
        try
        {
            Signals.Stop(pid);

            var ex = await Assert.ThrowsAsync<WorkerExitedException>(() =>
                UnixSocketTransport.ConnectAsync(worker, 1 << 16, TimeSpan.FromSeconds(2), CancellationToken.None, parent).WaitAsync(Bound));

            Assert.Equal($"the worker (pid {pid}) did not connect to its socket within 2 s.", ex.Message);
            // The private folder and its socket file are gone with the failed set-up.
            Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
        }
        finally
        {
            Signals.Kill(pid);
            await worker.DisposeAsync().AsTask().WaitAsync(Bound);
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task SharedMemoryChecksumAsync_CancelledWhileTheWorkerIsStopped_ThrowsAndTheWorkerIsKilled()
    {
        WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30));
        int pid = worker.ProcessId;
        try
        {
            SharedMemoryTransport shared = await SharedMemoryTransport.CreateAsync(worker, 1 << 16);
            Signals.Stop(pid);
            using var cts = new CancellationTokenSource();
            // The doorbell's short poll finds no answer, so the call waits through the pipe before it returns its task.
            Task<ulong> call = shared.ChecksumAsync(new byte[1024], 1, cts.Token);
            Assert.False(call.IsCompleted);

            cts.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Bound));
            Assert.Empty(await ProcessProbe.WaitAllDeadAsync([pid]));
            await shared.DisposeAsync().AsTask().WaitAsync(Bound);
        }
        finally
        {
            Signals.Kill(pid);
            await worker.DisposeAsync();
        }
    }

    [Fact]
    public async Task SharedMemoryCreateAsync_CancelledWhileTheWorkerIsStopped_ThrowsAndTheWorkerIsKilled()
    {
        WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30));
        int pid = worker.ProcessId;
        try
        {
            Signals.Stop(pid);
            using var cts = new CancellationTokenSource();
            Task<SharedMemoryTransport> setUp = SharedMemoryTransport.CreateAsync(worker, 1 << 16, cancellationToken: cts.Token);
            Assert.False(setUp.IsCompleted);

            cts.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => setUp.WaitAsync(Bound));
            // Killed: a worker that mapped the region later would keep it.
            Assert.Empty(await ProcessProbe.WaitAllDeadAsync([pid]));
        }
        finally
        {
            Signals.Kill(pid);
            await worker.DisposeAsync();
        }
    }
}
