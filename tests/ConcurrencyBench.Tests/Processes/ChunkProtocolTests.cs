using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Processes.Protocol;
using ConcurrencyBench.Tests.Support;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Processes;

/// <summary>The chunk frames: what each side writes the other reads back, and a frame whose lengths do not add up is
/// refused as a protocol violation on either side, before anything is allocated for it.</summary>
public sealed class ChunkProtocolTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RequestChunkAsync_OneItemFails_EachItemAnsweredOnItsOwnInOrderAndTheWorkerGoesOn()
    {
        var workload = new DiagnosticWorkload(5, DiagnosticBehavior.FailAtIndex, targetIndex: 2);
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), Bound);

        ChunkItemAnswer[] answers = await worker.Connection.RequestChunkAsync(workload.Id, 5, Items(Enumerable.Range(0, 5).Select(i => Payload(w => workload.WriteRequest(i, w)))));
        ReadOnlyMemory<byte> single = await worker.RequestAsync(workload.Id, w => workload.WriteRequest(4, w));

        Assert.Equal(5, answers.Length);
        Assert.Contains(DiagnosticWorkload.FailureMessage(2), answers[2].Error);
        Assert.Equal([0, 1, 9, 16], answers.Where((_, i) => i != 2).Select(a => workload.ReadResult(new(a.Result))));
        Assert.All(answers.Where((_, i) => i != 2), a => Assert.Null(a.Error));
        Assert.Equal(16, workload.ReadResult(new(single)));
        Assert.False(worker.HasExited);
    }

    [Fact]
    public void ReadRequest_WhatThePoolWrites_ReadsBackItemByItem()
    {
        byte[][] payloads = [[1, 2, 3], [], [.. Enumerable.Repeat((byte)9, 300)]];
        byte[] frame = FakeWorker.Frame(w =>
        {
            byte[] items = Items(payloads);
            ChunkFrames.WriteRequestHeader(w, 42, "diagnostic", payloads.Length, items.Length);
            w.Write(items);
        });

        (long id, string workloadId, ReadOnlySequence<byte>[] read) = ChunkFrames.ReadRequest(Body(frame, FrameType.ChunkRequest), 1 << 16);

        Assert.Equal(42, id);
        Assert.Equal("diagnostic", workloadId);
        Assert.Equal(payloads, read.Select(item => item.ToArray()));
    }

    [Fact]
    public void ReadAnswers_WhatTheWorkerWrites_ResultsAndErrorsPerItemAndAResultTooLargeFailsAlone()
    {
        const int MaxFrame = 1024;
        using var answer = new ChunkAnswer(4, MaxFrame);
        answer.Add(w => Write(w, [7, 7]));
        answer.Add(_ => "InvalidOperationException: item 1\nfailed");
        answer.Add(w => Write(w, new byte[2000]));
        answer.Add(w => Write(w, [8]));
        byte[] frame = FakeWorker.Frame(w =>
        {
            ChunkFrames.WriteResponseHeader(w, 5, 4, answer.Written.Length);
            w.Write(answer.Written.Span);
        });
        Assert.InRange(frame.Length - WireFormat.HeaderSize, 1, MaxFrame);

        ChunkItemAnswer[] answers = ChunkFrames.ReadAnswers(Body(frame, FrameType.ChunkResponse).Slice(8).ToArray(), 5, 4);

        Assert.Equal([7, 7], answers[0].Result.ToArray());
        Assert.Equal("InvalidOperationException: item 1?failed", answers[1].Error);
        Assert.Contains("does not fit", answers[2].Error);
        Assert.Equal([8], answers[3].Result.ToArray());
        Assert.Null(answers[3].Error);
    }

    public static TheoryData<string, WorkerErrorCode, string> HostileRequests => new()
    {
        { "no items", WorkerErrorCode.MalformedFrame, "has no items" },
        { "more items than the frame holds", WorkerErrorCode.MalformedFrame, "more than its" },
        { "more items than an answer holds", WorkerErrorCode.MalformedFrame, "no answer of at most" },
        { "negative length", WorkerErrorCode.MalformedFrame, "claims 4294967295 bytes" },
        { "length past the frame", WorkerErrorCode.MalformedFrame, "claims 100 bytes" },
        { "bytes after the last item", WorkerErrorCode.MalformedFrame, "after its last item" },
        { "unknown workload", WorkerErrorCode.UnknownWorkload, "not registered" },
    };

    [Theory]
    [MemberData(nameof(HostileRequests))]
    public async Task WorkerHost_HostileChunkRequest_RefusedWithAnErrorFrameAndAProtocolExit(string violation, WorkerErrorCode code, string expected)
    {
        byte[] request = violation switch
        {
            "no items" => ChunkRequest("diagnostic", 0, []),
            "more items than the frame holds" => ChunkRequest("diagnostic", 100, Length(0)),
            "more items than an answer holds" => ChunkRequest("diagnostic", 1000, [.. Enumerable.Range(0, 1000).SelectMany(_ => Length(0))]),
            "negative length" => ChunkRequest("diagnostic", 2, [.. Length(uint.MaxValue), .. Length(0)]),
            "length past the frame" => ChunkRequest("diagnostic", 2, [.. Length(0), .. Length(100), 1, 2, 3]),
            "bytes after the last item" => ChunkRequest("diagnostic", 1, [.. Length(1), 5, 6]),
            "unknown workload" => ChunkRequest("System.IO.File", 1, [.. Length(1), 5]),
            _ => throw new ArgumentOutOfRangeException(nameof(violation), violation, null),
        };
        var output = new MemoryStream();

        int exit = await WorkerHost.RunAsync(new MemoryStream([.. FakeWorker.Frame(w => WireFormat.WriteHello(w)), .. request]), output, maxFrameSize: 4096);

        Assert.Equal(WorkerHost.ExitProtocolError, exit);
        var frames = new FrameReader(new MemoryStream(output.ToArray()), 1 << 16);
        Assert.Equal(FrameType.HelloOk, (await frames.ReadHeaderAsync())!.Value.Type);
        await frames.ReadRestAsync();
        Assert.Equal(FrameType.Error, (await frames.ReadHeaderAsync())!.Value.Type);
        (long id, WorkerErrorCode refused, string message) = WireFormat.ReadError(new(await frames.ReadRestAsync()));
        Assert.Equal(0, id);
        Assert.Equal(code, refused);
        Assert.Contains(expected, message);
    }

    public static TheoryData<string> HostileAnswers =>
        ["fewer answers", "length past the frame", "unknown status", "bytes after the last item", "single answer to a chunk", "item error by the chunk's id"];

    [Theory]
    [MemberData(nameof(HostileAnswers))]
    public async Task RequestChunkAsync_WorkerAnswersWithAMalformedChunk_FailsInOneLineAndTheWorkerIsToBeKilled(string violation)
    {
        await using FakeWorker fake = await FakeWorker.StartAsync(1 << 16);
        Task<ChunkItemAnswer[]> request = fake.Connection.RequestChunkAsync("diagnostic", 2, Items([[1], [2]]));
        (FrameType type, byte[] body) = await fake.ReadFrameAsync();
        Assert.Equal(FrameType.ChunkRequest, type);
        long id = ChunkFrames.ReadRequest(new(body), 1 << 16).RequestId;

        await fake.SendAsync(violation switch
        {
            "fewer answers" => ChunkResponse(id, 1, [ChunkFrames.Succeeded, .. Length(0)]),
            "length past the frame" => ChunkResponse(id, 2, [ChunkFrames.Succeeded, .. Length(0), ChunkFrames.Succeeded, .. Length(50), 1]),
            "unknown status" => ChunkResponse(id, 2, [ChunkFrames.Succeeded, .. Length(0), 9, .. Length(0)]),
            "bytes after the last item" => ChunkResponse(id, 2, [ChunkFrames.Succeeded, .. Length(0), ChunkFrames.Failed, .. Length(0), 1]),
            "single answer to a chunk" => FakeWorker.Frame(w => WireFormat.WriteResponseHeader(w, id, 0)),
            "item error by the chunk's id" => FakeWorker.Frame(w => WireFormat.WriteError(w, id, WorkerErrorCode.ItemFailed, "boom")),
            _ => throw new ArgumentOutOfRangeException(nameof(violation), violation, null),
        });

        var ex = await Assert.ThrowsAsync<WorkerProtocolException>(() => request.WaitAsync(Bound));
        Assert.DoesNotContain(ex.Message, char.IsControl);
        Assert.Contains("the fake worker", ex.Message);
        Assert.Equal(1, fake.Kills);
    }

    [Fact]
    public async Task RequestAsync_WorkerAnswersASingleItemWithAChunk_FailsAsAProtocolViolation()
    {
        await using FakeWorker fake = await FakeWorker.StartAsync(1 << 16);
        Task<ReadOnlyMemory<byte>> request = fake.Connection.RequestAsync("diagnostic", new byte[13]);
        long id = await fake.ReadRequestIdAsync();

        await fake.SendAsync(ChunkResponse(id, 1, [ChunkFrames.Succeeded, .. Length(0)]));

        var ex = await Assert.ThrowsAsync<WorkerProtocolException>(() => request.WaitAsync(Bound));
        Assert.Contains("carried one item", ex.Message);
        Assert.Equal(1, fake.Kills);
    }

    // Each payload after its u32 length, as a chunk request carries them.
    private static byte[] Items(IEnumerable<byte[]> payloads) => [.. payloads.SelectMany(p => (byte[])[.. Length((uint)p.Length), .. p])];

    private static byte[] Payload(Action<IBufferWriter<byte>> write) => FakeWorker.Frame(write);

    private static byte[] Length(uint length)
    {
        byte[] bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, length);
        return bytes;
    }

    private static string? Write(IBufferWriter<byte> writer, byte[] bytes)
    {
        writer.Write(bytes);
        return null;
    }

    // The body of a whole frame of the given type.
    private static ReadOnlySequence<byte> Body(byte[] frame, FrameType type)
    {
        Assert.Equal((byte)type, frame[4]);
        return new ReadOnlySequence<byte>(frame, WireFormat.HeaderSize, frame.Length - WireFormat.HeaderSize);
    }

    // A chunk request as a hostile parent writes it: any count, any items, a frame length that tells the truth.
    private static byte[] ChunkRequest(string workloadId, ushort count, byte[] items)
    {
        byte[] id = Encoding.UTF8.GetBytes(workloadId);
        byte[] head = new byte[8 + 1 + id.Length + 2];
        BinaryPrimitives.WriteInt64LittleEndian(head, 1);
        head[8] = (byte)id.Length;
        id.CopyTo(head, 9);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(9 + id.Length), count);
        return FakeWorker.RawFrame(FrameType.ChunkRequest, [.. head, .. items]);
    }

    private static byte[] ChunkResponse(long id, ushort count, byte[] answers)
    {
        byte[] head = new byte[10];
        BinaryPrimitives.WriteInt64LittleEndian(head, id);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(8), count);
        return FakeWorker.RawFrame(FrameType.ChunkResponse, [.. head, .. answers]);
    }
}
