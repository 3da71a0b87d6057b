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

        foreach (string path in new[] { socket.FormerPath!, shared.FormerPath })
        {
            string folder = Path.GetFileName(Path.GetDirectoryName(path))!;
            Assert.Matches("^concurrencybench-[0-9a-f]{32}$", folder);
            Assert.False(File.Exists(path));
            Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
        }

        Assert.StartsWith(SharedMemoryTransport.SharedMemoryRoot, shared.FormerPath);
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

    [Fact]
    public async Task SharedMemory_RangeOutsideTheRegion_RefusedByTheWorker()
    {
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30));
        await using SharedMemoryTransport shared = await SharedMemoryTransport.CreateAsync(worker, 4096);

        // A request the parent would never send: a range past the end of the region.
        var ex = await Assert.ThrowsAsync<RemoteItemException>(() => worker.RequestAsync(IpcHandlers.SharedMemoryChecksum, w =>
        {
            Span<byte> head = w.GetSpan(16);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(head, 4000);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(head[8..], 200);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(head[12..], 1);
            w.Advance(16);
            System.Text.Encoding.UTF8.GetBytes(shared.FormerPath, w);
        }));

        Assert.Contains("outside the region", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task WorkerKilledMidTransfer_TheCallFailsClearlyAndNothingIsLeft(TransportKind kind)
    {
        string[] before = IpcLeftovers.Scan();
        var pool = await TransportPool.StartAsync(kind, workers: 1, maxPayloadBytes: 16 << 20);
        byte[] payload = new byte[16 << 20];
        int pid = pool.WorkerProcessIds[0];
        Task<ulong> call = pool.Transports[0].ChecksumAsync(payload, passes: 200);
        await Task.Delay(100);
        Assert.True(ProcessProbe.IsAlive(pid));

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
