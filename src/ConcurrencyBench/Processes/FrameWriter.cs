using System.Buffers;
using System.IO.Pipes;
using ConcurrencyBench.Ipc;

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
    /// <summary>The size of the pieces a frame's tail is written in with <c>inPieces</c>. At 1 MiB, where the
    /// echo's two ends ran on two cores, pieces of 64 to 256 KiB took 0.86 to 0.90 of C's echo time and one write
    /// 0.97 to 1.00; where they shared one core, 256 KiB took 1.02 to 1.06 of C's time, 64 KiB 1.07 to 1.12 and one
    /// write 1.07 to 1.14 (<c>scripts/echo-layers.cs</c>, Intel Xeon 2-core VM, 2026-12-07: echo-pieces.log in
    /// results/reference/intel-xeon-2core-linux-process-paths-full/).</summary>
    internal const int PieceBytes = 1 << 18;

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
        await WriteReservedAsync(writeHead, tail, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the writer for the next frame, at once or not at all (a frame is being written): no other frame
    /// goes out until <see cref="WriteReservedAsync"/> or <see cref="CancelReservation"/>.</summary>
    /// <returns>Whether the writer is now reserved.</returns>
    public bool TryReserve() => _gate.Wait(0);

    /// <summary>Gives back a reservation unused.</summary>
    public void CancelReservation() => _gate.Release();

    /// <summary>Writes a frame on a reservation (<see cref="TryReserve"/>), which it gives back; as
    /// <see cref="WriteAsync"/> otherwise.</summary>
    /// <param name="writeHead">Writes the frame's first bytes.</param>
    /// <param name="tail">The rest of the frame.</param>
    /// <param name="cancellationToken">As for <see cref="WriteAsync"/>.</param>
    /// <param name="inPieces">On a blocking pipe, the head goes out alone and a tail over <see cref="PieceBytes"/> in
    /// pieces of that size, so that the reader starts on the frame while the rest is still being written (each write
    /// to an empty pipe wakes it): for a writer whose thread reads the answer itself once the frame is out, where a
    /// worker relaying an echo sends it back while it comes in.</param>
    public async ValueTask WriteReservedAsync(Action<IBufferWriter<byte>> writeHead, ReadOnlyMemory<byte> tail = default, CancellationToken cancellationToken = default, bool inPieces = false)
    {
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
                    // Head and payload in one system call: a separate write of the head would wake the reader for
                    // a few bytes, before the payload it is waiting for (unless in pieces: then that is the point).
                    if (OperatingSystem.IsLinux() && stream is PipeStream pipe)
                    {
                        if (inPieces && tail.Length > PieceBytes)
                        {
                            WriteInPieces(pipe, _head.WrittenSpan, tail.Span);
                            return;
                        }

                        UnixCalls.WriteBoth(pipe.SafePipeHandle, _head.WrittenSpan, tail.Span);
                        return;
                    }

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

    /// <summary>
    /// Writes a frame whose last <paramref name="tailLength"/> bytes are the rest of <paramref name="source"/>'s current
    /// body, sent on piece by piece as they arrive (an echo streams back while its request is still coming in, as a
    /// plain-C echo does). No other frame is written until the relay ends.
    /// </summary>
    /// <param name="writeHead">Writes what comes before the relayed bytes (the header says the whole length).</param>
    /// <param name="source">The reader whose current body holds at least <paramref name="tailLength"/> more bytes.</param>
    /// <param name="tailLength">The bytes to relay.</param>
    /// <param name="scratch">Where each piece is read before it is written; the first piece follows the head in it.</param>
    /// <exception cref="EndOfStreamException">The source ended inside the body: the frame is left half written.</exception>
    public async ValueTask RelayAsync(Action<IBufferWriter<byte>> writeHead, FrameReader source, int tailLength, Memory<byte> scratch)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                throw new IOException("the frame writer is closed");
            }

            _head.ResetWrittenCount();
            writeHead(_head);
            int headLength = _head.WrittenCount;
            if (scratch.Length <= headLength)
            {
                throw new ArgumentException($"a scratch buffer of {scratch.Length} bytes cannot hold a head of {headLength} and a piece", nameof(scratch));
            }

            // The head goes out with the first piece: one write, as the frame's first bytes.
            _head.WrittenSpan.CopyTo(scratch.Span);
            int start = headLength;
            for (int left = tailLength; left > 0 || start > 0;)
            {
                int read = left > 0 ? await source.ReadSomeBodyAsync(scratch[start..Math.Min(scratch.Length, start + left)]).ConfigureAwait(false) : 0;
                left -= read;
                if (blocking)
                {
                    stream.Write(scratch.Span[..(start + read)]);
                }
                else
                {
                    await stream.WriteAsync(scratch[..(start + read)], CancellationToken.None).ConfigureAwait(false);
                }

                start = 0;
            }

            if (blocking)
            {
                stream.Flush();
            }
            else
            {
                await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    // The head alone (a few bytes: the reader wakes and reads it), then the tail piece by piece; each piece a write of
    // its own, so the reader drains the pipe (and a worker relays the echo back) while the writer copies the next.
    private static void WriteInPieces(PipeStream pipe, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        UnixCalls.WriteBoth(pipe.SafePipeHandle, head, []);
        for (int offset = 0; offset < tail.Length; offset += PieceBytes)
        {
            UnixCalls.WriteBoth(pipe.SafePipeHandle, [], tail.Slice(offset, Math.Min(PieceBytes, tail.Length - offset)));
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
