using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using System.Text;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Ipc;

/// <summary>
/// Payloads through shared memory: a file in a private folder under <c>/dev/shm</c> (0700 folder, 0600 file,
/// unguessable name), mapped by both processes. The parent writes the payload into the region once; only its offset
/// and length cross the pipe. The file is unlinked as soon as the worker has mapped it, so no name is left behind
/// even when both processes are killed; the memory goes when the last mapping does.
/// </summary>
public sealed class SharedMemoryTransport : IPayloadTransport
{
    private readonly WorkerProcess _worker;
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly nint _address;
    private readonly string _key;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private int _disposed;

    private SharedMemoryTransport(WorkerProcess worker, MemoryMappedFile file, MemoryMappedViewAccessor view, string key, int capacity)
    {
        _worker = worker;
        _file = file;
        _view = view;
        _key = key;
        MaxPayloadBytes = capacity;
        _address = AcquireAddress(view);
    }

    /// <inheritdoc />
    public string Name => "shared-memory";

    /// <inheritdoc />
    public int MaxPayloadBytes { get; }

    /// <summary>Gets the path the region had while the worker mapped it (it no longer exists).</summary>
    public string FormerPath => _key;

    /// <summary>The folder shared-memory files are made in: <c>/dev/shm</c> where it exists, the temp folder otherwise.</summary>
    public static string SharedMemoryRoot => Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    /// <summary>Creates a region of <paramref name="capacity"/> bytes and has <paramref name="worker"/> map it.</summary>
    /// <param name="worker">A started worker.</param>
    /// <param name="capacity">The region's size: the largest payload.</param>
    /// <param name="cancellationToken">Stops the set-up; the region is removed.</param>
    public static async Task<SharedMemoryTransport> CreateAsync(WorkerProcess worker, int capacity = 64 << 20, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        using var folder = PrivateFolder.Create(SharedMemoryRoot);
        string path = folder.Entry("region");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        var stream = new FileStream(path, options);
        stream.SetLength(capacity);
        // The mapped file owns the stream from here on.
        MemoryMappedFile file = MemoryMappedFile.CreateFromFile(stream, null, capacity, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);

        MemoryMappedViewAccessor view = file.CreateViewAccessor(0, capacity, MemoryMappedFileAccess.ReadWrite);
        var transport = new SharedMemoryTransport(worker, file, view, path, capacity);
        try
        {
            await worker.RequestAsync(IpcHandlers.MapSharedMemory, w =>
            {
                BinaryPrimitives.WriteInt64LittleEndian(w.GetSpan(8), capacity);
                w.Advance(8);
                Encoding.UTF8.GetBytes(path, w);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Leaving the using block deletes the file and its folder: both mappings live on without a name.
        return transport;
    }

    /// <inheritdoc />
    public async Task<ulong> ChecksumAsync(ReadOnlyMemory<byte> payload, int passes, CancellationToken cancellationToken = default)
    {
        TransportChecks.ThrowIfTooLarge(payload.Length, MaxPayloadBytes, Name);
        ArgumentOutOfRangeException.ThrowIfNegative(passes);
        // One payload in the region at a time; dispose waits for it before unmapping.
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            payload.Span.CopyTo(Region);
            return await RequestChecksumAsync(payload.Length, passes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<ulong> RequestChecksumAsync(int length, int passes, CancellationToken cancellationToken)
    {
        // A sample (no passes) reads two cache lines: the worker answers it on its reading thread.
        string handler = passes == 0 ? IpcHandlers.SharedMemorySample : IpcHandlers.SharedMemoryChecksum;
        ReadOnlyMemory<byte> answer = await _worker.RequestAsync(handler, w =>
        {
            Span<byte> head = w.GetSpan(16);
            BinaryPrimitives.WriteInt64LittleEndian(head, 0);
            BinaryPrimitives.WriteInt32LittleEndian(head[8..], length);
            BinaryPrimitives.WriteInt32LittleEndian(head[12..], passes);
            w.Advance(16);
            Encoding.UTF8.GetBytes(_key, w);
        }, cancellationToken).ConfigureAwait(false);
        return BinaryPrimitives.ReadUInt64LittleEndian(answer.Span);
    }

    // The parent's view of the region (valid until dispose).
    private unsafe Span<byte> Region => new((void*)_address, MaxPayloadBytes);

    private static unsafe nint AcquireAddress(MemoryMappedViewAccessor view)
    {
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        return (nint)(pointer + view.PointerOffset);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _oneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _view.SafeMemoryMappedViewHandle.ReleasePointer();
                _view.Dispose();
                _file.Dispose();
            }
        }
        finally
        {
            _oneAtATime.Release();
        }
    }
}
