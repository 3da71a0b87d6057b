using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.MemoryMappedFiles;
using System.Net.Sockets;
using System.Text;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Ipc;

/// <summary>The worker's side of the data-movement transports: registered handlers, nothing else.</summary>
internal static class IpcHandlers
{
    public const string Echo = "ipc.echo";
    public const string ChecksumId = "ipc.checksum";
    public const string ConnectSocket = "ipc.connect-socket";
    public const string MapSharedMemory = "ipc.shm-map";
    public const string SharedMemoryChecksum = "ipc.shm-checksum";
    public const string SharedMemorySample = "ipc.shm-sample";
    public const string SharedMemoryAwait = "ipc.shm-await";
    public const string SharedMemoryWake = "ipc.shm-wake";
    public const string UnmapSharedMemory = "ipc.shm-unmap";

    private static readonly ConcurrentDictionary<string, SharedRegion> Regions = new(StringComparer.Ordinal);

    /// <summary>Sends the payload back as it came.</summary>
    public static void EchoPayload(ReadOnlySequence<byte> request, IBufferWriter<byte> response, CancellationToken cancellationToken)
    {
        // One span of the whole length: a writer grown piece by piece would copy the payload again at every step.
        int length = checked((int)request.Length);
        request.CopyTo(response.GetSpan(length));
        response.Advance(length);
    }

    /// <summary>[i32 passes][bytes] to the u64 checksum of the bytes.</summary>
    public static void ChecksumPayload(ReadOnlySequence<byte> request, IBufferWriter<byte> response, CancellationToken cancellationToken)
    {
        Span<byte> head = stackalloc byte[4];
        Require(request.Length >= 4, "a checksum request starts with its pass count");
        request.Slice(0, 4).CopyTo(head);
        int passes = BinaryPrimitives.ReadInt32LittleEndian(head);
        Require(passes is >= 0 and <= 1 << 20, $"the pass count {passes} is out of range");
        ReadOnlySequence<byte> data = request.Slice(4);
        ulong sum = data.IsSingleSegment ? Checksum.Compute(data.FirstSpan, passes) : Checksum.Compute(data.ToArray(), passes);
        WriteUInt64(response, sum);
    }

    /// <summary>Connects to the parent's Unix socket (its path is the payload) and serves the protocol on it too.</summary>
    public static void ConnectToSocket(ReadOnlySequence<byte> request, IBufferWriter<byte> response, CancellationToken cancellationToken)
    {
        string path = Encoding.UTF8.GetString(request);
        Require(Path.IsPathFullyQualified(path), "the socket path must be absolute");
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var stream = new NetworkStream(socket, ownsSocket: true);
        _ = Task.Run(async () =>
        {
            await using (stream.ConfigureAwait(false))
            {
                await WorkerHost.RunAsync(stream, stream, WorkerHost.MaxFrameSizeInUse).ConfigureAwait(false);
            }
        }, CancellationToken.None);
        WriteUInt64(response, 1);
    }

    /// <summary>[i64 capacity][/proc/&lt;parent pid&gt;/fd/&lt;n&gt;]: maps the parent's anonymous shared-memory file and
    /// starts answering its doorbell.</summary>
    public static void MapRegion(ReadOnlySequence<byte> request, IBufferWriter<byte> response, CancellationToken cancellationToken)
    {
        Span<byte> head = stackalloc byte[8];
        Require(request.Length > 8, "a map request carries a capacity and a path");
        request.Slice(0, 8).CopyTo(head);
        long capacity = BinaryPrimitives.ReadInt64LittleEndian(head);
        string path = Encoding.UTF8.GetString(request.Slice(8));
        // Only the parent's own anonymous files: a path anywhere else is refused, not opened.
        Require(capacity > 0 && IsParentDescriptor(path), "the region needs a positive capacity and a path /proc/<parent pid>/fd/<n>");
        Regions.GetOrAdd(path, p => SharedRegion.Open(p, capacity));
        WriteUInt64(response, (ulong)capacity);
    }

    /// <summary>The same request with 0 passes only: reads the region's two ends, so it is short and bounded.</summary>
    public static void SampleRegion(ReadOnlySequence<byte> request, IBufferWriter<byte> response, CancellationToken cancellationToken)
    {
        Require(ReadRegionRequest(request).Passes == 0, "a region sample takes 0 passes");
        ChecksumRegion(request, response, cancellationToken);
    }

    /// <summary>[i64 offset][i32 length][i32 passes][i64 sequence][path]: the checksum of bytes already in the shared
    /// region, computed a pass at a time; stops when the parent cancels that sequence in the region's control block.</summary>
    public static void ChecksumRegion(ReadOnlySequence<byte> request, IBufferWriter<byte> response, CancellationToken cancellationToken)
    {
        (long offset, int length, int passes, long sequence) = ReadRegionRequest(request);
        SharedRegion region = FindRegion(request.Slice(RegionRequestHead));
        Require(region.TryEnter(), "that region is being closed");
        try
        {
            RegionStatus status = region.Checksum(sequence, offset, length, passes, out ulong result, cancellationToken);
            Require(status != RegionStatus.Refused, $"bytes {offset}..{offset + length} are outside the payload area of the region of {region.Capacity} bytes, or the pass count {passes} is out of range");
            if (status == RegionStatus.Cancelled)
            {
                throw new OperationCanceledException($"request {sequence} was cancelled by the parent");
            }

            WriteUInt64(response, result);
        }
        finally
        {
            region.Exit();
        }
    }

    /// <summary>[path]: stops the region's doorbell thread and unmaps it (the parent is disposing its transport).</summary>
    public static void UnmapRegion(ReadOnlySequence<byte> request, IBufferWriter<byte> response, CancellationToken cancellationToken)
    {
        Require(Regions.TryRemove(Encoding.UTF8.GetString(request), out SharedRegion? region), "that region is not mapped in this worker");
        region!.Close();
        WriteUInt64(response, 1);
    }

    private const int RegionRequestHead = 24;

    private static (long Offset, int Length, int Passes, long Sequence) ReadRegionRequest(ReadOnlySequence<byte> request)
    {
        Span<byte> head = stackalloc byte[RegionRequestHead];
        Require(request.Length > RegionRequestHead, "a region checksum request carries offset, length, passes, sequence and a path");
        request.Slice(0, RegionRequestHead).CopyTo(head);
        return (BinaryPrimitives.ReadInt64LittleEndian(head), BinaryPrimitives.ReadInt32LittleEndian(head[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(head[12..]), BinaryPrimitives.ReadInt64LittleEndian(head[16..]));
    }

    /// <summary>[i64 sequence][path]: waits until the region's doorbell thread has answered that request.</summary>
    public static void AwaitAnswer(ReadOnlySequence<byte> request, IBufferWriter<byte> response, CancellationToken cancellationToken)
    {
        Span<byte> head = stackalloc byte[8];
        Require(request.Length > 8, "an await request carries a sequence number and a path");
        request.Slice(0, 8).CopyTo(head);
        FindRegion(request.Slice(8)).WaitForAnswer(BinaryPrimitives.ReadInt64LittleEndian(head), cancellationToken);
        WriteUInt64(response, 1);
    }

    /// <summary>[path]: wakes the region's doorbell thread (a payload is on its way). Short and bounded.</summary>
    public static void WakeRegion(ReadOnlySequence<byte> request, IBufferWriter<byte> response, CancellationToken cancellationToken)
    {
        FindRegion(request).Wake();
        WriteUInt64(response, 1);
    }

    private static bool IsParentDescriptor(string path)
    {
        string prefix = $"/proc/{UnixCalls.ParentProcessId}/fd/";
        return path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path.AsSpan(prefix.Length).IndexOfAnyExceptInRange('0', '9') < 0;
    }

    private static SharedRegion FindRegion(ReadOnlySequence<byte> path)
    {
        Require(Regions.TryGetValue(Encoding.UTF8.GetString(path), out SharedRegion? region), "that region is not mapped in this worker");
        return region!;
    }

    internal static void WriteUInt64(IBufferWriter<byte> response, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(response.GetSpan(8), value);
        response.Advance(8);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
