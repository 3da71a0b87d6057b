using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ConcurrencyBench.Processes.Protocol;

namespace ConcurrencyBench.Processes;

/// <summary>
/// The worker's answer to a chunk request, item by item, in order: each item's result is written in place, and an
/// item whose result would take the answer past the frame size fails instead (with its error cut to what is left),
/// so that the whole answer is one frame the parent accepts.
/// </summary>
internal sealed class ChunkAnswer(int count, int maxFrameSize) : IDisposable
{
    private readonly PooledBufferWriter _answers = new();
    private int _added;

    /// <summary>Gets the answers so far.</summary>
    public ReadOnlyMemory<byte> Written => _answers.WrittenMemory;

    /// <summary>Adds the next item's answer: what <paramref name="compute"/> writes, or its failure.</summary>
    /// <param name="compute">Computes the item into the writer; returns its error text, or null when it succeeded.</param>
    public void Add(Func<PooledBufferWriter, string?> compute)
    {
        int start = _answers.WrittenCount;
        _answers.GetSpan(ChunkFrames.AnswerItemHead);
        _answers.Advance(ChunkFrames.AnswerItemHead);
        string? failure = compute(_answers);
        _added++;
        // The most this item's answer may take: the frame, less what is written and what the items after it need at least.
        long room = maxFrameSize - ChunkFrames.AnswerFloor(count - _added) - start - ChunkFrames.AnswerItemHead;
        int length = _answers.WrittenCount - start - ChunkFrames.AnswerItemHead;
        if (failure is null && length > room)
        {
            failure = $"its result of {length} bytes does not fit in the chunk's answer, at most {maxFrameSize} bytes in all";
        }

        if (failure is not null)
        {
            _answers.ResetTo(start + ChunkFrames.AnswerItemHead);
            byte[] text = Encoding.UTF8.GetBytes(failure.Length > WireFormat.MaxErrorMessageLength ? failure[..WireFormat.MaxErrorMessageLength] : failure);
            length = (int)Math.Clamp(room, 0, text.Length);
            _answers.Write(text.AsSpan(0, length));
        }

        Span<byte> head = _answers.WrittenSpan.Slice(start, ChunkFrames.AnswerItemHead);
        head[0] = failure is null ? ChunkFrames.Succeeded : ChunkFrames.Failed;
        BinaryPrimitives.WriteInt32LittleEndian(head[1..], length);
    }

    public void Dispose() => _answers.Dispose();
}
