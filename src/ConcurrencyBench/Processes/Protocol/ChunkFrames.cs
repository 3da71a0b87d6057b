using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ConcurrencyBench.Processes.Protocol;

/// <summary>
/// The chunk frames: several items of one workload in one request, and their answers in one response.
/// A chunk request's body is the request head (<see cref="WireFormat.WriteRequestHead"/>), a u16 item count, then
/// each item as a u32 length and its payload. A chunk response's body is the u64 request id, the u16 item count,
/// then each item as a u8 status (<see cref="Succeeded"/> or <see cref="Failed"/>), a u32 length and the result
/// payload or the item's error in UTF-8. Every length is checked against the frame before anything is allocated
/// for it: a frame that does not add up is a protocol violation.
/// </summary>
internal static class ChunkFrames
{
    /// <summary>The status of an item that has a result.</summary>
    public const byte Succeeded = 0;

    /// <summary>The status of an item that failed on its own; its error text follows.</summary>
    public const byte Failed = 1;

    /// <summary>The bytes before each item's payload in a chunk request (its length).</summary>
    public const int RequestItemHead = 4;

    /// <summary>The bytes before each item's answer in a chunk response (its status and length).</summary>
    public const int AnswerItemHead = 5;

    // The request's bytes besides the workload id and the items: id, id length, count.
    private const int RequestFixed = 8 + 1 + 2;

    // The response's bytes besides the items: id, count.
    private const int AnswerFixed = 8 + 2;

    /// <summary>Whether a chunk of <paramref name="count"/> items, whose length-prefixed payloads take
    /// <paramref name="itemsLength"/> bytes, fits in a frame, and the least its answer can take does too.</summary>
    public static bool Fits(int workloadIdBytes, int count, long itemsLength, int maxFrameSize) =>
        count <= ushort.MaxValue && RequestFixed + workloadIdBytes + itemsLength <= maxFrameSize && AnswerFloor(count) <= maxFrameSize;

    /// <summary>The fewest bytes the answer to <paramref name="count"/> items takes: every item empty.</summary>
    public static long AnswerFloor(int count) => AnswerFixed + ((long)count * AnswerItemHead);

    /// <summary>Writes a chunk request's frame header and head; the <paramref name="itemsLength"/> bytes of
    /// length-prefixed payloads follow.</summary>
    public static void WriteRequestHeader(IBufferWriter<byte> writer, long requestId, string workloadId, int count, int itemsLength)
    {
        int idLength = Encoding.UTF8.GetByteCount(workloadId);
        WireFormat.WriteHeader(writer, FrameType.ChunkRequest, RequestFixed + idLength + itemsLength);
        WireFormat.WriteRequestHead(writer, requestId, workloadId, idLength);
        BinaryPrimitives.WriteUInt16LittleEndian(writer.GetSpan(2), checked((ushort)count));
        writer.Advance(2);
    }

    /// <summary>Writes a chunk response's frame header, id and count; the <paramref name="answersLength"/> bytes of
    /// the items' answers follow.</summary>
    public static void WriteResponseHeader(IBufferWriter<byte> writer, long requestId, int count, int answersLength)
    {
        WireFormat.WriteHeader(writer, FrameType.ChunkResponse, AnswerFixed + answersLength);
        Span<byte> span = writer.GetSpan(AnswerFixed);
        BinaryPrimitives.WriteInt64LittleEndian(span, requestId);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], checked((ushort)count));
        writer.Advance(AnswerFixed);
    }

    /// <summary>Reads a chunk request: every item's length is checked against the frame, and so is the count against
    /// what an answer could hold in <paramref name="maxFrameSize"/>.</summary>
    /// <returns>The request id, the workload id, and each item's payload (slices of <paramref name="body"/>).</returns>
    public static (long RequestId, string WorkloadId, ReadOnlySequence<byte>[] Items) ReadRequest(ReadOnlySequence<byte> body, int maxFrameSize)
    {
        (long id, string workloadId, int headLength) = WireFormat.ReadRequestHead(body, "chunk request");
        ReadOnlySequence<byte> rest = body.Slice(headLength);
        int count = ReadUInt16(ref rest, $"chunk request {id}");
        if (count == 0)
        {
            throw Malformed($"chunk request {id} has no items");
        }

        if (AnswerFloor(count) > maxFrameSize)
        {
            throw Malformed($"chunk request {id} has {count} items, which no answer of at most {maxFrameSize} bytes could hold");
        }

        // Each item takes its length's bytes at least: a count the frame cannot hold is refused before any allocation.
        if ((long)count * RequestItemHead > rest.Length)
        {
            throw Malformed($"chunk request {id} claims {count} items, more than its {rest.Length} bytes can hold");
        }

        var items = new ReadOnlySequence<byte>[count];
        for (int i = 0; i < count; i++)
        {
            items[i] = ReadItem(ref rest, $"item {i} of chunk request {id}");
        }

        RequireEnd(rest, $"chunk request {id}");
        return (id, workloadId, items);
    }

    /// <summary>Reads a chunk response's answers, after its request id: one per item of the request, each checked
    /// against the frame; error texts come back as one printable line.</summary>
    /// <param name="rest">The body after the request id.</param>
    /// <param name="requestId">The request id, for messages.</param>
    /// <param name="expected">How many items the request carried.</param>
    public static ChunkItemAnswer[] ReadAnswers(ReadOnlyMemory<byte> rest, long requestId, int expected)
    {
        var sequence = new ReadOnlySequence<byte>(rest);
        int count = ReadUInt16(ref sequence, $"the chunk response to request {requestId}");
        if (count != expected)
        {
            throw Malformed($"the chunk response to request {requestId} answers {count} items, not the {expected} it was sent");
        }

        var answers = new ChunkItemAnswer[count];
        for (int i = 0; i < count; i++)
        {
            string what = $"item {i} of the chunk response to request {requestId}";
            if (sequence.Length < 1)
            {
                throw Malformed($"{what} is past the frame's end");
            }

            byte status = sequence.FirstSpan[0];
            sequence = sequence.Slice(1);
            ReadOnlySequence<byte> data = ReadItem(ref sequence, what);
            ReadOnlyMemory<byte> memory = rest.Slice((int)(rest.Length - sequence.Length - data.Length), (int)data.Length);
            answers[i] = status switch
            {
                Succeeded => new ChunkItemAnswer(memory, null),
                Failed => new ChunkItemAnswer(default, PrintableText.OneLine(Encoding.UTF8.GetString(memory.Span), WireFormat.MaxErrorMessageLength)),
                _ => throw Malformed($"{what} has an unknown status {status}"),
            };
        }

        RequireEnd(sequence, $"the chunk response to request {requestId}");
        return answers;
    }

    // A u32 length and that many bytes, both within the frame.
    private static ReadOnlySequence<byte> ReadItem(ref ReadOnlySequence<byte> rest, string what)
    {
        if (rest.Length < 4)
        {
            throw Malformed($"{what} is past the frame's end");
        }

        Span<byte> prefix = stackalloc byte[4];
        rest.Slice(0, 4).CopyTo(prefix);
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
        if (length > rest.Length - 4)
        {
            throw Malformed($"{what} claims {length} bytes, and the frame has {rest.Length - 4} left");
        }

        ReadOnlySequence<byte> item = rest.Slice(4, length);
        rest = rest.Slice(4 + length);
        return item;
    }

    private static int ReadUInt16(ref ReadOnlySequence<byte> rest, string what)
    {
        if (rest.Length < 2)
        {
            throw Malformed($"{what} has no item count");
        }

        Span<byte> span = stackalloc byte[2];
        rest.Slice(0, 2).CopyTo(span);
        rest = rest.Slice(2);
        return BinaryPrimitives.ReadUInt16LittleEndian(span);
    }

    private static void RequireEnd(ReadOnlySequence<byte> rest, string what)
    {
        if (rest.Length != 0)
        {
            throw Malformed($"{what} has {rest.Length} bytes after its last item");
        }
    }

    private static ProtocolViolationException Malformed(string message) => new(WorkerErrorCode.MalformedFrame, message);
}
