using System.Buffers;

namespace ConcurrencyBench.Processes;

/// <summary>
/// Writes whole frames to a stream, one frame at a time: the header (and any small body) from a reused buffer, then
/// a large payload straight from the caller's memory, with no staging copy. Completing it closes the stream unless
/// told to leave it open. With <c>blocking</c> set, writes are plain blocking calls on the caller's thread: for
/// anonymous pipes, which have no asynchronous I/O on Unix, that spares a thread-pool hop per frame.
/// </summary>
internal sealed class FrameWriter(Stream stream, bool leaveOpen = false, bool blocking = false)
{
    private readonly ArrayBufferWriter<byte> _head = new(1 << 12);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _completed;

    /// <summary>Gets a value indicating whether a frame is being written (or the writer is being completed) now.</summary>
    public bool WriteInProgress => _gate.CurrentCount == 0;

    /// <summary>Writes a frame: what <paramref name="writeHead"/> writes, then <paramref name="tail"/>.</summary>
    public async ValueTask WriteAsync(Action<IBufferWriter<byte>> writeHead, ReadOnlyMemory<byte> tail = default, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                throw new IOException("the frame writer is closed");
            }

            _head.ResetWrittenCount();
            writeHead(_head);
            if (blocking)
            {
                stream.Write(_head.WrittenSpan);
                stream.Write(tail.Span);
                stream.Flush();
                return;
            }

            await stream.WriteAsync(_head.WrittenMemory, CancellationToken.None).ConfigureAwait(false);
            if (!tail.IsEmpty)
            {
                await stream.WriteAsync(tail, CancellationToken.None).ConfigureAwait(false);
            }

            await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask CompleteAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_completed)
            {
                _completed = true;
                if (!leaveOpen)
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
