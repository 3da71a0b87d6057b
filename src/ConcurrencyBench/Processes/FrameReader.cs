using System.Buffers.Binary;
using ConcurrencyBench.Processes.Protocol;

namespace ConcurrencyBench.Processes;

/// <summary>
/// Reads frames from a stream in two steps: the header (checked before anything else is read, so an oversized frame
/// is refused unread), then the body into memory the caller chooses: a pooled array, or the very buffer the data is
/// for. Large bodies go from the kernel straight to their destination; nothing is staged in buffer segments, and no
/// fresh memory has to be faulted in for every frame.
/// </summary>
/// <remarks>
/// With <c>synchronous</c> set, reads are plain blocking calls: for anonymous pipes, which have no asynchronous I/O
/// on Unix, that spares a thread-pool hop per read. The reader's loop then belongs on a thread of its own.
/// </remarks>
internal sealed class FrameReader(Stream stream, int maxFrameSize, bool synchronous = false)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private int _bodyLeft;

    /// <summary>Gets a value indicating whether bytes of the stream are buffered, unread (a ready-to-read check on the
    /// stream itself would not see them).</summary>
    public bool HasBuffered => _end > _start;

    /// <summary>Reads the next frame's header; null when the stream ends cleanly between frames.</summary>
    /// <returns>The frame type and the length of its body.</returns>
    /// <exception cref="ProtocolViolationException">The header is malformed or the frame is over the maximum.</exception>
    /// <exception cref="EndOfStreamException">The stream ended inside a header.</exception>
    public async ValueTask<(FrameType Type, int Length)?> ReadHeaderAsync(CancellationToken cancellationToken = default)
    {
        if (_bodyLeft > 0)
        {
            throw new InvalidOperationException("the previous frame's body was not read");
        }

        if (!await FillAsync(WireFormat.HeaderSize, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start));
        byte typeByte = _buffer[_start + 4];
        if (length < 1)
        {
            throw new ProtocolViolationException(WorkerErrorCode.MalformedFrame, "a frame has a length of 0");
        }

        if (length - 1 > (uint)maxFrameSize)
        {
            throw new ProtocolViolationException(WorkerErrorCode.FrameTooLarge, $"a frame of {length - 1} bytes is over the maximum of {maxFrameSize} bytes");
        }

        var type = (FrameType)typeByte;
        if (!Enum.IsDefined(type))
        {
            throw new ProtocolViolationException(WorkerErrorCode.MalformedFrame, $"unknown frame type {typeByte}");
        }

        _start += WireFormat.HeaderSize;
        _bodyLeft = (int)(length - 1);
        return (type, _bodyLeft);
    }

    /// <summary>Reads the next <paramref name="destination"/>.Length bytes of the current frame's body.</summary>
    /// <exception cref="EndOfStreamException">The stream ended inside the body.</exception>
    public async ValueTask ReadBodyAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (destination.Length > _bodyLeft)
        {
            throw new InvalidOperationException($"asked for {destination.Length} bytes of a body with {_bodyLeft} left");
        }

        int buffered = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, buffered).CopyTo(destination.Span);
        _start += buffered;
        _bodyLeft -= destination.Length;
        if (buffered < destination.Length)
        {
            if (synchronous)
            {
                stream.ReadExactly(destination.Span[buffered..]);
            }
            else
            {
                await stream.ReadExactlyAsync(destination[buffered..], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Reads what has arrived of the current frame's body, at least one byte and at most
    /// <paramref name="destination"/>.Length (or what is left of the body): for relaying a body as it comes.
    /// </summary>
    /// <returns>The bytes read.</returns>
    /// <exception cref="EndOfStreamException">The stream ended inside the body.</exception>
    public async ValueTask<int> ReadSomeBodyAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (destination.IsEmpty || _bodyLeft == 0)
        {
            throw new InvalidOperationException($"asked for {destination.Length} bytes of a body with {_bodyLeft} left");
        }

        destination = destination[..Math.Min(destination.Length, _bodyLeft)];
        int read = Math.Min(destination.Length, _end - _start);
        if (read > 0)
        {
            _buffer.AsSpan(_start, read).CopyTo(destination.Span);
            _start += read;
        }
        else
        {
            read = synchronous
                ? stream.Read(destination.Span)
                : await stream.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException("the stream ended inside a frame body");
            }
        }

        _bodyLeft -= read;
        return read;
    }

    /// <summary>Reads the rest of the current body into a new array (for small frames).</summary>
    public async ValueTask<byte[]> ReadRestAsync(CancellationToken cancellationToken = default)
    {
        var body = new byte[_bodyLeft];
        await ReadBodyAsync(body, cancellationToken).ConfigureAwait(false);
        return body;
    }

    // Makes at least `count` bytes available in the buffer; false at a clean end of stream (no byte of a frame read).
    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        while (_end < count)
        {
            int read = synchronous
                ? stream.Read(_buffer.AsSpan(_end))
                : await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return _end == 0 ? false : throw new EndOfStreamException("the stream ended inside a frame header");
            }

            _end += read;
        }

        return true;
    }
}
