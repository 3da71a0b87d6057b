using System.Buffers.Binary;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Ipc;

/// <summary>
/// Moves payloads as protocol frames over a <see cref="WorkerConnection"/> (pipes or a socket). An echo is cut into
/// 1 MiB chunks sent back to back, so that both directions of the connection work at once. An echo of one chunk reads
/// its answer on the caller's thread where the connection allows it (a worker's pipes), as a C client does: no other
/// thread wakes to read the answer and hand it over, and the call blocks its thread until the echo is back (the
/// worker answers an echo at once). A checksum, which may compute for long, is read by the connection's loop.
/// </summary>
public abstract class ProtocolTransport : IEchoTransport
{
    /// <summary>The size of one echo chunk.</summary>
    public const int ChunkBytes = 1 << 20;

    private readonly int _maxPayloadBytes;

    /// <summary>Creates the transport.</summary>
    /// <param name="maxPayloadBytes">The largest payload accepted.</param>
    private protected ProtocolTransport(int maxPayloadBytes) => _maxPayloadBytes = maxPayloadBytes;

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public int MaxPayloadBytes => _maxPayloadBytes;

    /// <summary>Gets a value indicating whether a frame is being written now (tests wait for a write to block with it).</summary>
    internal bool WriteInProgress => Connection.WriteInProgress;

    /// <summary>Gets the connection the frames travel on.</summary>
    private protected abstract WorkerConnection Connection { get; }

    /// <inheritdoc />
    public async Task<ulong> ChecksumAsync(ReadOnlyMemory<byte> payload, int passes, CancellationToken cancellationToken = default)
    {
        TransportChecks.ThrowIfTooLarge(payload.Length, MaxPayloadBytes, Name);
        ArgumentOutOfRangeException.ThrowIfNegative(passes);
        byte[] prefix = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, passes);
        ReadOnlyMemory<byte> answer = await Connection.RequestAsync(IpcHandlers.ChecksumId, prefix, payload, cancellationToken).ConfigureAwait(false);
        return BinaryPrimitives.ReadUInt64LittleEndian(answer.Span);
    }

    /// <inheritdoc />
    public async Task EchoAsync(ReadOnlyMemory<byte> payload, Memory<byte> reply, CancellationToken cancellationToken = default)
    {
        TransportChecks.ThrowIfTooLarge(payload.Length, MaxPayloadBytes, Name);
        ArgumentOutOfRangeException.ThrowIfLessThan(reply.Length, payload.Length, nameof(reply));
        int chunks = Math.Max(1, (payload.Length + ChunkBytes - 1) / ChunkBytes);
        if (chunks == 1)
        {
            await EchoChunkAsync(payload, reply, cancellationToken, onCallerThread: true).ConfigureAwait(false);
            return;
        }

        var pending = new Task[chunks];
        for (int c = 0; c < chunks; c++)
        {
            int offset = c * ChunkBytes;
            int length = Math.Min(ChunkBytes, payload.Length - offset);
            pending[c] = EchoChunkAsync(payload.Slice(offset, length), reply.Slice(offset, length), cancellationToken);
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    private async Task EchoChunkAsync(ReadOnlyMemory<byte> chunk, Memory<byte> reply, CancellationToken cancellationToken, bool onCallerThread = false)
    {
        // The echo is read straight into its place in the reply.
        ReadOnlyMemory<byte> echoed = onCallerThread
            ? await Connection.RequestOnCallerThreadAsync(IpcHandlers.Echo, ReadOnlyMemory<byte>.Empty, chunk, reply, cancellationToken).ConfigureAwait(false)
            : await Connection.RequestAsync(IpcHandlers.Echo, chunk, reply, cancellationToken).ConfigureAwait(false);
        if (echoed.Length != chunk.Length)
        {
            throw new InvalidDataException($"{Name}: an echo of {chunk.Length} bytes came back with {echoed.Length}.");
        }
    }
}

/// <summary>Argument checks the transports share.</summary>
internal static class TransportChecks
{
    public static void ThrowIfTooLarge(int length, int max, string transport)
    {
        if (length > max)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"{transport}: a payload of {length} bytes is over the configured maximum of {max} bytes; nothing was sent.");
        }
    }
}
