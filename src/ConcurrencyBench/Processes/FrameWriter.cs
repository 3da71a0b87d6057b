using System.Buffers;

namespace ConcurrencyBench.Processes;

/// <summary>
/// Writes whole frames to a stream, one frame at a time: the header (and any small body) from a reused buffer, then
/// a large payload straight from the caller's memory, with no staging copy. Completing it closes the stream unless
/// told to leave it open. With <c>blocking</c> set, writes are plain blocking calls on the caller's thread: for
/// anonymous pipes, which have no asynchronous I/O on Unix, that spares a thread-pool hop per frame.
/// </summary>
/// <remarks>
/// A frame cannot be taken back half written, so a write is never abandoned: when its token is cancelled while it
/// is under way, <c>abort</c> ends the reader (the parent kills its worker), and the write fails at once instead of
/// waiting for a reader that may never read again. The registration exists only while a cancellable write runs.
/// </remarks>
internal sealed class FrameWriter(Stream stream, bool leaveOpen = false, bool blocking = false, Action? abort = null)
{
    private readonly ArrayBufferWriter<byte> _head = new(1 << 12);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _completed;

    /// <summary>Gets a value indicating whether a frame is being written (or the writer is being completed) now.</summary>
    public bool WriteInProgress => _gate.CurrentCount == 0;

    /// <summary>Writes a frame: what <paramref name="writeHead"/> writes, then <paramref name="tail"/>.</summary>
    /// <exception cref="OperationCanceledException">Cancelled before the frame was begun, or while it was written (the reader was aborted).</exception>
    public async ValueTask WriteAsync(Action<IBufferWriter<byte>> writeHead, ReadOnlyMemory<byte> tail = default, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                throw new IOException("the frame writer is closed");
            }

            // Cancelled before a byte was written: the reader needs no aborting.
            cancellationToken.ThrowIfCancellationRequested();
            _head.ResetWrittenCount();
            writeHead(_head);
            using CancellationTokenRegistration abortOnCancel = abort is not null && cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static a => ((Action)a!)(), abort)
                : default;
            try
            {
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
            catch (IOException ex) when (cancellationToken.IsCancellationRequested && abort is not null)
            {
                throw new OperationCanceledException("the write was cancelled; its reader was aborted to end it", ex, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Waits for the frame being written, then closes the stream (unless told to leave it open).</summary>
    /// <param name="abortAfter">How long a frame under way may take before the reader is aborted to end it.</param>
    public async ValueTask CompleteAsync(TimeSpan? abortAfter = null)
    {
        // A write blocked on a reader that reads nothing would hold the gate forever, and the stream could not be closed.
        if (!await _gate.WaitAsync(abortAfter ?? Timeout.InfiniteTimeSpan).ConfigureAwait(false))
        {
            abort?.Invoke();
            await _gate.WaitAsync().ConfigureAwait(false);
        }

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
