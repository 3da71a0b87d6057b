using System.Text;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Ipc;

[Collection(IpcCollection.Name)]
public sealed class TransportTests
{
    private const int Max = 4 << 20;

    public static TheoryData<TransportKind> Kinds => [TransportKind.Pipe, TransportKind.UnixSocket, TransportKind.SharedMemory];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ChecksumAsync_EverySizeAndIntensity_MatchesTheInProcessChecksum(TransportKind kind)
    {
        string[] before = IpcLeftovers.Scan();
        await using (TransportPool pool = await TransportPool.StartAsync(kind, workers: 1, maxPayloadBytes: Max))
        {
            IPayloadTransport transport = Assert.Single(pool.Transports);
            foreach (int size in new[] { 0, 1, 7, 1024, (1 << 20) + 3, Max })
            {
                byte[] payload = new byte[size];
                Checksum.Fill(payload, seed: size);
                foreach (int passes in new[] { 0, 1, 3 })
                {
                    Assert.Equal(Checksum.Compute(payload, passes), await transport.ChecksumAsync(payload, passes));
                }
            }
        }

        Assert.Equal(before, IpcLeftovers.Scan());
    }

    [Theory]
    [InlineData(TransportKind.Pipe)]
    [InlineData(TransportKind.UnixSocket)]
    public async Task EchoAsync_PayloadsAcrossChunkBoundaries_ComeBackIntact(TransportKind kind)
    {
        await using TransportPool pool = await TransportPool.StartAsync(kind, workers: 1, maxPayloadBytes: Max);
        var transport = Assert.IsAssignableFrom<IEchoTransport>(Assert.Single(pool.Transports));
        foreach (int size in new[] { 0, 5, ProtocolTransport.ChunkBytes, (5 * ProtocolTransport.ChunkBytes / 2) + 1 })
        {
            byte[] payload = new byte[size];
            Checksum.Fill(payload, seed: size);
            byte[] reply = new byte[size];

            await transport.EchoAsync(payload, reply);

            Assert.Equal(payload, reply);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ChecksumAsync_OverTheMaximum_RefusedBeforeSendingAndTheTransportStillWorks(TransportKind kind)
    {
        await using TransportPool pool = await TransportPool.StartAsync(kind, workers: 1, maxPayloadBytes: 4096);
        IPayloadTransport transport = Assert.Single(pool.Transports);

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => transport.ChecksumAsync(new byte[4097], 1));

        Assert.Contains("over the configured maximum of 4096 bytes", ex.Message);
        Assert.Equal(Checksum.Compute(new byte[4096], 1), await transport.ChecksumAsync(new byte[4096], 1));
    }

    [Fact]
    public async Task Worker_FrameOverItsMaximum_RefusesWithoutReadingIt()
    {
        // The parent's own check is bypassed: the worker must refuse on its side too.
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30), maxFrameSize: 4096);
        var transport = new PipeTransport(worker, maxPayloadBytes: 1 << 20);

        var ex = await Assert.ThrowsAsync<WorkerProtocolException>(() => transport.ChecksumAsync(new byte[8192], 1));

        Assert.Equal(ConcurrencyBench.Processes.Protocol.WorkerErrorCode.FrameTooLarge, ex.Code);
        Assert.Contains("over the maximum of 4096 bytes", ex.Message);
    }

    [Fact]
    public async Task Endpoints_AreRemovedOnceTheWorkerIsConnected_AndLivedInPrivateFolders()
    {
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30));
        await using UnixSocketTransport socket = await UnixSocketTransport.ConnectAsync(worker);
        await using SharedMemoryTransport shared = await SharedMemoryTransport.CreateAsync(worker, 1 << 16);

        string path = socket.FormerPath!;
        Assert.Matches($"^concurrencybench-{Environment.ProcessId}-[0-9a-f]{{32}}$", Path.GetFileName(Path.GetDirectoryName(path))!);
        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));

        // The region never had a name in a folder: an anonymous file, reached through the parent's descriptor.
        Assert.Equal($"/proc/{Environment.ProcessId}/fd/", shared.Key[..shared.Key.LastIndexOf('/')] + "/");
        Assert.Matches("^concurrencybench-[0-9a-f]{32}$", shared.RegionName);
        Assert.Contains($"/memfd:{shared.RegionName}", File.ReadAllText($"/proc/{worker.ProcessId}/maps"));
        Assert.Equal(Checksum.Compute(new byte[100], 2), await shared.ChecksumAsync(new byte[100], 2));
        Assert.Equal(Checksum.Compute(new byte[100], 2), await socket.ChecksumAsync(new byte[100], 2));
    }

    [Fact]
    public void PrivateFolder_IsOwnerOnlyAndRemovedOnDispose()
    {
        string path;
        using (var folder = PrivateFolder.Create())
        {
            path = folder.Path;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
        }

        Assert.False(Directory.Exists(path));
    }

    [Theory]
    [InlineData(SharedMemorySignal.Doorbell)]
    [InlineData(SharedMemorySignal.Pipe)]
    public async Task SharedMemory_EverySignal_AnswersRightAfterBackToBackAndIdleRequests(SharedMemorySignal signal)
    {
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30), maxFrameSize: 4096);
        await using SharedMemoryTransport shared = await SharedMemoryTransport.CreateAsync(worker, 1 << 20, signal);
        // Small enough that every request, passes included, rings the doorbell (under the Doorbell signal).
        byte[] payload = new byte[(40 << 10) - 5];
        Checksum.Fill(payload, seed: 7);

        // Back to back the doorbell's worker is polling; after a pause it sleeps and must be woken through the pipe.
        // (Its doorbell thread sleeps under the pipe signal too: nothing rings it.)
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(Checksum.Compute(payload.AsSpan(i), i % 3), await shared.ChecksumAsync(payload.AsMemory(i), i % 3).WaitAsync(TimeSpan.FromSeconds(30)));
            if (i % 10 == 9)
            {
                // Idle, the worker's doorbell thread goes to sleep after its short poll: wait until it has.
                await Eventually.TrueAsync(() => shared.WorkerParked);
            }
        }
    }

    [Theory]
    [InlineData(SharedMemorySignal.Doorbell)]
    [InlineData(SharedMemorySignal.Pipe)]
    public async Task SharedMemory_PayloadOverTheStreamingThreshold_ArrivesWhole(SharedMemorySignal signal)
    {
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30), maxFrameSize: 4096);
        await using SharedMemoryTransport shared = await SharedMemoryTransport.CreateAsync(worker, StreamingCopy.Threshold + 64, signal);
        byte[] payload = new byte[StreamingCopy.Threshold + 3];
        Checksum.Fill(payload, seed: 11);

        Assert.Equal(Checksum.Compute(payload, 1), await shared.ChecksumAsync(payload, 1));
        Assert.Equal(Checksum.Compute(payload, 0), await shared.ChecksumAsync(payload, 0));
        payload[payload.Length / 2] ^= 0xFF;
        Assert.Equal(Checksum.Compute(payload, 1), await shared.ChecksumAsync(payload, 1));
    }

    [Fact]
    public async Task SharedMemory_Dispose_TheWorkerUnmapsTheRegionAndKeepsWorking()
    {
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30));
        SharedMemoryTransport shared = await SharedMemoryTransport.CreateAsync(worker, 1 << 16);
        Assert.Equal(Checksum.Compute(new byte[10], 1), await shared.ChecksumAsync(new byte[10], 1));
        Assert.Contains(shared.RegionName, File.ReadAllText($"/proc/{worker.ProcessId}/maps"));

        await shared.DisposeAsync();
        await shared.DisposeAsync();

        Assert.DoesNotContain(shared.RegionName, File.ReadAllText($"/proc/{worker.ProcessId}/maps"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => shared.ChecksumAsync(new byte[10], 1));
        await using SharedMemoryTransport next = await SharedMemoryTransport.CreateAsync(worker, 1 << 16);
        Assert.Equal(Checksum.Compute(new byte[10], 2), await next.ChecksumAsync(new byte[10], 2));
    }

    [Theory]
    [InlineData(SharedMemorySignal.Doorbell)]
    [InlineData(SharedMemorySignal.Pipe)]
    public async Task SharedMemory_CancelledMidCompute_StopsTheWorkerAndTheNextRequestIsRight(SharedMemorySignal signal)
    {
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30));
        await using SharedMemoryTransport shared = await SharedMemoryTransport.CreateAsync(worker, 16 << 20, signal);
        byte[] large = new byte[16 << 20];
        using var cts = new CancellationTokenSource(200);

        // 100,000 passes over 16 MiB would take hours: only the cancellation can end this call. So much compute goes
        // through the pipe under either signal; the worker learns of the cancellation through the control block.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => shared.ChecksumAsync(large, 100_000, cts.Token).WaitAsync(TimeSpan.FromSeconds(30)));

        // The worker was not killed: it stopped at a pass boundary, and the next payload is not mixed with the last.
        byte[] small = new byte[1000];
        Checksum.Fill(small, seed: 3);
        Assert.Equal(Checksum.Compute(small, 2), await shared.ChecksumAsync(small, 2));
        Assert.False(worker.HasExited);
    }

    [Fact]
    public async Task PipeEchoOfOneChunk_ReadOnTheCallersThread_IsBackWhenTheCallReturns()
    {
        await using TransportPool pool = await TransportPool.StartAsync(TransportKind.Pipe, workers: 1, maxPayloadBytes: ProtocolTransport.ChunkBytes);
        var transport = Assert.IsAssignableFrom<IEchoTransport>(Assert.Single(pool.Transports));
        byte[] payload = new byte[ProtocolTransport.ChunkBytes];
        Checksum.Fill(payload, seed: 5);
        byte[] reply = new byte[payload.Length];

        Task echo = transport.EchoAsync(payload, reply);

        Assert.True(echo.IsCompletedSuccessfully);
        Assert.Equal(payload, reply);
    }

    [Fact]
    public async Task PipeEchoesFromSeveralThreads_WithChecksumsThroughTheLoop_EveryAnswerRight()
    {
        // Callers race for the read baton (one reads on its thread, the others wait for the loop), and checksums go the
        // loop's way between them: every answer must reach its own caller, and none may be left waiting.
        await using TransportPool pool = await TransportPool.StartAsync(TransportKind.Pipe, workers: 1, maxPayloadBytes: 1 << 18);
        var transport = Assert.IsAssignableFrom<IEchoTransport>(Assert.Single(pool.Transports));
        Task[] echoers = [.. Enumerable.Range(0, 3).Select(t => Task.Run(async () =>
        {
            var random = new Random(t);
            for (int i = 0; i < 150; i++)
            {
                byte[] payload = new byte[random.Next(1, 1 << 18)];
                Checksum.Fill(payload, seed: (t * 1000) + i);
                byte[] reply = new byte[payload.Length];
                await transport.EchoAsync(payload, reply);
                Assert.Equal(payload, reply);
            }
        }))];
        Task checksums = Task.Run(async () =>
        {
            for (int i = 0; i < 100; i++)
            {
                byte[] payload = new byte[1000 + i];
                Checksum.Fill(payload, seed: i);
                Assert.Equal(Checksum.Compute(payload, 1), await transport.ChecksumAsync(payload, 1));
            }
        });

        await Task.WhenAll([.. echoers, checksums]).WaitAsync(TimeSpan.FromSeconds(120));
    }

    [Theory]
    [InlineData(1 << 20, 1 << 20)]
    [InlineData(4 << 20, 1000)]
    public async Task PipeEchoesAtOnce_AMebibyteEachOrChunksBesideASmallOne_NoneDeadlocks(int first, int second)
    {
        // A caller reading its own answer reads nothing while its frame goes out: were another echo's answer to fill the
        // pipe back meanwhile, the worker would stop reading and both would wait forever. Such calls go the loop's way.
        await using TransportPool pool = await TransportPool.StartAsync(TransportKind.Pipe, workers: 1, maxPayloadBytes: 4 << 20);
        var transport = Assert.IsAssignableFrom<IEchoTransport>(Assert.Single(pool.Transports));
        Task[] echoes = [.. new[] { first, second, first, second }.Select((size, k) => Task.Run(async () =>
        {
            for (int i = 0; i < 10; i++)
            {
                byte[] payload = new byte[size];
                Checksum.Fill(payload, seed: (k * 100) + i);
                byte[] reply = new byte[size];
                await transport.EchoAsync(payload, reply);
                Assert.Equal(payload, reply);
            }
        }))];

        await Task.WhenAll(echoes).WaitAsync(TimeSpan.FromSeconds(120));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task WorkerKilledMidTransfer_TheCallFailsClearlyAndNothingIsLeft(TransportKind kind)
    {
        string[] before = IpcLeftovers.Scan();
        var pool = await TransportPool.StartAsync(kind, workers: 1, maxPayloadBytes: 16 << 20);
        byte[] payload = new byte[16 << 20];
        int pid = pool.WorkerProcessIds[0];
        long cpuBefore = ProcessProbe.CpuTicks(pid);
        Task<ulong> call = pool.Transports[0].ChecksumAsync(payload, passes: 100_000);
        // Mid-transfer: the worker has spent CPU time on this call. 100,000 passes over 16 MiB take far longer than any
        // test: only the kill can end the call, however late the poll below wakes (200 passes took a second or two).
        await Eventually.TrueAsync(() => ProcessProbe.CpuTicks(pid) >= cpuBefore + 5 || call.IsCompleted);
        Assert.False(call.IsCompleted, "the call ended before the kill: make it longer");

        KillProcess(pid);

        var ex = await Assert.ThrowsAsync<WorkerExitedException>(() => call);
        Assert.Contains($"pid {pid}", ex.Message);
        await pool.DisposeAsync();
        Assert.False(ProcessProbe.IsAlive(pid));
        Assert.Equal(before, IpcLeftovers.Scan());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Cancelled_KillsTheBusyWorkerAndDisposeLeavesNothing(TransportKind kind)
    {
        string[] before = IpcLeftovers.Scan();
        var pool = await TransportPool.StartAsync(kind, workers: 2, maxPayloadBytes: 16 << 20);
        int[] pids = [.. pool.WorkerProcessIds];
        using var cts = new CancellationTokenSource();
        ReadOnlyMemory<byte>[] payloads = [.. Enumerable.Range(0, 4).Select(_ => (ReadOnlyMemory<byte>)new byte[16 << 20])];
        cts.CancelAfter(200);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pool.ChecksumAllAsync(payloads, passes: 500, cts.Token));
        await pool.DisposeAsync();

        Assert.Empty(await ProcessProbe.WaitAllDeadAsync(pids));
        Assert.Equal(before, IpcLeftovers.Scan());
    }

    private static void KillProcess(int pid)
    {
        using var process = System.Diagnostics.Process.GetProcessById(pid);
        process.Kill();
    }
}

[CollectionDefinition(Name)]
public sealed class IpcCollection
{
    public const string Name = "ipc endpoints";
}
