namespace ConcurrencyBench.Ipc;

/// <summary>
/// A way to hand a payload to one worker process and get a 64-bit checksum of it back: through the worker's pipes,
/// a Unix domain socket, or shared memory. The transport owns its endpoint; disposing removes it.
/// </summary>
public interface IPayloadTransport : IAsyncDisposable
{
    /// <summary>Gets the transport's name, as reports show it.</summary>
    string Name { get; }

    /// <summary>Gets the largest payload the transport accepts, in bytes.</summary>
    int MaxPayloadBytes { get; }

    /// <summary>Sends <paramref name="payload"/>; the worker computes <paramref name="passes"/> checksum passes over it.</summary>
    /// <param name="payload">The bytes to move.</param>
    /// <param name="passes">The compute per byte (0: the worker only samples the payload's ends).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The checksum, as <see cref="Checksum.Compute"/> gives it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The payload is over <see cref="MaxPayloadBytes"/>; nothing was sent.</exception>
    Task<ulong> ChecksumAsync(ReadOnlyMemory<byte> payload, int passes, CancellationToken cancellationToken = default);
}

/// <summary>A transport that can also send a payload back as it came.</summary>
public interface IEchoTransport : IPayloadTransport
{
    /// <summary>Sends <paramref name="payload"/> to the worker and receives it back into <paramref name="reply"/>.</summary>
    /// <param name="payload">The bytes to move.</param>
    /// <param name="reply">Where the echoed bytes land; as long as the payload.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <remarks>A transport may read the echo on the calling thread, blocking it until the echo is back (the pipe
    /// transport does for an echo of one chunk): the task it returns is then complete.</remarks>
    Task EchoAsync(ReadOnlyMemory<byte> payload, Memory<byte> reply, CancellationToken cancellationToken = default);
}
