using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ConcurrencyBench.Processes.Protocol;

/// <summary>
/// The worker protocol's framing: every frame is a little-endian u32 length (of what follows it), a one-byte
/// <see cref="FrameType"/>, then the type's body. Nothing in a frame names a type, an assembly or code.
/// </summary>
internal static class WireFormat
{
    /// <summary>The version both sides must speak.</summary>
    /// <remarks>3: chunk frames (<see cref="FrameType.ChunkRequest"/>, <see cref="FrameType.ChunkResponse"/>) carry
    /// several items of one workload in one request and their answers in one response; a single item still goes as a
    /// plain request. 2: a shared-memory region is an anonymous file the worker opens through
    /// /proc/&lt;parent pid&gt;/fd/&lt;n&gt; (1 named a file under /dev/shm).</remarks>
    public const ushort Version = 3;

    /// <summary>"CBW1": the first bytes of a Hello, so that a stray program is told apart from a parent.</summary>
    public const uint Magic = 0x31574243;

    /// <summary>The length prefix and the type byte.</summary>
    public const int HeaderSize = 5;

    /// <summary>The default largest frame body: a 64 MiB payload and room for its header.</summary>
    public const int DefaultMaxFrameSize = (64 << 20) + 1024;

    /// <summary>The longest workload id.</summary>
    public const int MaxWorkloadIdLength = 64;

    /// <summary>The longest error message, in characters: a worker cuts its own there, a parent cuts what it receives.</summary>
    public const int MaxErrorMessageLength = 1000;

    /// <summary>
    /// The largest body of a frame other than a response (hello, hello-ok, error): the longest error message in UTF-8
    /// and its head fit with room to spare, so a larger one is a worker breaking the protocol, and the parent never
    /// buffers more than this for one.
    /// </summary>
    public const int MaxSmallFrameSize = 8 << 10;

    /// <summary>Writes the header of a frame whose body is <paramref name="bodyLength"/> bytes.</summary>
    public static void WriteHeader(IBufferWriter<byte> writer, FrameType type, int bodyLength)
    {
        Span<byte> header = writer.GetSpan(HeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)bodyLength + 1);
        header[4] = (byte)type;
        writer.Advance(HeaderSize);
    }

    public static void WriteHello(IBufferWriter<byte> writer, ushort version = Version)
    {
        WriteHeader(writer, FrameType.Hello, 6);
        Span<byte> span = writer.GetSpan(6);
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], version);
        writer.Advance(6);
    }

    public static void WriteHelloOk(IBufferWriter<byte> writer, int processId, bool isNativeAot)
    {
        WriteHeader(writer, FrameType.HelloOk, 7);
        Span<byte> span = writer.GetSpan(7);
        BinaryPrimitives.WriteUInt16LittleEndian(span, Version);
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], processId);
        span[6] = isNativeAot ? (byte)1 : (byte)0;
        writer.Advance(7);
    }

    /// <summary>Writes a request's frame header: u64 id, u8 workload-id length, the id in UTF-8; the payload follows.</summary>
    public static void WriteRequestHeader(IBufferWriter<byte> writer, long requestId, string workloadId, int payloadLength)
    {
        int idLength = Encoding.UTF8.GetByteCount(workloadId);
        WriteHeader(writer, FrameType.Request, 8 + 1 + idLength + payloadLength);
        WriteRequestHead(writer, requestId, workloadId, idLength);
    }

    /// <summary>Writes a response's frame header and id; the payload of <paramref name="payloadLength"/> bytes follows.</summary>
    public static void WriteResponseHeader(IBufferWriter<byte> writer, long requestId, int payloadLength)
    {
        WriteHeader(writer, FrameType.Response, 8 + payloadLength);
        BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), requestId);
        writer.Advance(8);
    }

    /// <summary>Writes an error: u64 id, u16 code, then the message in UTF-8.</summary>
    public static void WriteError(IBufferWriter<byte> writer, long requestId, WorkerErrorCode code, string message)
    {
        byte[] text = Encoding.UTF8.GetBytes(message.Length > MaxErrorMessageLength ? message[..MaxErrorMessageLength] : message);
        WriteHeader(writer, FrameType.Error, 10 + text.Length);
        Span<byte> span = writer.GetSpan(10);
        BinaryPrimitives.WriteInt64LittleEndian(span, requestId);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)code);
        writer.Advance(10);
        writer.Write(text);
    }

    public static ushort ReadHello(ReadOnlySequence<byte> body)
    {
        Span<byte> span = stackalloc byte[6];
        RequireLength(body, 6, "hello");
        body.Slice(0, 6).CopyTo(span);
        if (BinaryPrimitives.ReadUInt32LittleEndian(span) != Magic)
        {
            throw new ProtocolViolationException(WorkerErrorCode.MalformedFrame, "the hello frame lacks the protocol's magic number");
        }

        return BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
    }

    public static (ushort Version, int ProcessId, bool IsNativeAot) ReadHelloOk(ReadOnlySequence<byte> body)
    {
        Span<byte> span = stackalloc byte[7];
        RequireLength(body, 7, "hello-ok");
        body.Slice(0, 7).CopyTo(span);
        return (BinaryPrimitives.ReadUInt16LittleEndian(span), BinaryPrimitives.ReadInt32LittleEndian(span[2..]), span[6] == 1);
    }

    public static (long RequestId, string WorkloadId, ReadOnlySequence<byte> Payload) ReadRequest(ReadOnlySequence<byte> body)
    {
        (long id, string workloadId, int headLength) = ReadRequestHead(body, "request");
        return (id, workloadId, body.Slice(headLength));
    }

    /// <summary>Writes the head a request and a chunk request share: u64 id, u8 workload-id length, the id in UTF-8.</summary>
    /// <param name="writer">Where the head goes, after the frame header.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="workloadId">The registered workload.</param>
    /// <param name="idLength">The workload id's length in UTF-8.</param>
    public static void WriteRequestHead(IBufferWriter<byte> writer, long requestId, string workloadId, int idLength)
    {
        Span<byte> span = writer.GetSpan(9 + idLength);
        BinaryPrimitives.WriteInt64LittleEndian(span, requestId);
        span[8] = checked((byte)idLength);
        Encoding.UTF8.GetBytes(workloadId, span[9..]);
        writer.Advance(9 + idLength);
    }

    /// <summary>Reads the head a request and a chunk request share (see <see cref="WriteRequestHead"/>).</summary>
    /// <param name="body">The frame's body.</param>
    /// <param name="what">The frame's name, for messages.</param>
    /// <returns>The request id, the workload id, and the head's length in bytes.</returns>
    public static (long RequestId, string WorkloadId, int HeadLength) ReadRequestHead(ReadOnlySequence<byte> body, string what)
    {
        RequireLength(body, 9, what);
        Span<byte> head = stackalloc byte[9];
        body.Slice(0, 9).CopyTo(head);
        long id = BinaryPrimitives.ReadInt64LittleEndian(head);
        int idLength = head[8];
        if (idLength == 0 || idLength > MaxWorkloadIdLength || body.Length < 9 + idLength)
        {
            throw new ProtocolViolationException(WorkerErrorCode.MalformedFrame, $"{what} {id} has a workload id of impossible length {idLength}");
        }

        string workloadId;
        try
        {
            workloadId = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Slice(9, idLength).ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw new ProtocolViolationException(WorkerErrorCode.MalformedFrame, $"{what} {id} has a workload id that is not UTF-8");
        }

        return (id, workloadId, 9 + idLength);
    }

    public static (long RequestId, ReadOnlySequence<byte> Payload) ReadResponse(ReadOnlySequence<byte> body)
    {
        RequireLength(body, 8, "response");
        Span<byte> head = stackalloc byte[8];
        body.Slice(0, 8).CopyTo(head);
        return (BinaryPrimitives.ReadInt64LittleEndian(head), body.Slice(8));
    }

    /// <summary>Reads an error; its message comes back as one printable line of at most <see cref="MaxErrorMessageLength"/> characters.</summary>
    public static (long RequestId, WorkerErrorCode Code, string Message) ReadError(ReadOnlySequence<byte> body)
    {
        RequireLength(body, 10, "error");
        Span<byte> head = stackalloc byte[10];
        body.Slice(0, 10).CopyTo(head);
        string message = PrintableText.OneLine(Encoding.UTF8.GetString(body.Slice(10)), MaxErrorMessageLength);
        return (BinaryPrimitives.ReadInt64LittleEndian(head), (WorkerErrorCode)BinaryPrimitives.ReadUInt16LittleEndian(head[8..]), message);
    }

    /// <summary>Refuses a body shorter than <paramref name="length"/> bytes.</summary>
    public static void RequireLength(ReadOnlySequence<byte> body, int length, string what)
    {
        if (body.Length < length)
        {
            throw new ProtocolViolationException(WorkerErrorCode.MalformedFrame, $"a {what} frame of {body.Length} bytes is shorter than {length}");
        }
    }
}
