using System.Buffers;
using System.Buffers.Binary;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Processes.Protocol;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Processes;

/// <summary>The parent's reader against a worker that writes malformed frames: every waiter is answered, in one line.</summary>
public sealed class HostileWorkerTests
{
    private const int MaxFrame = 1 << 16;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Violations => ["unknown type", "length 0", "over the maximum", "short response", "short error", "large error", "hello", "request"];

    [Theory]
    [MemberData(nameof(Violations))]
    public async Task RequestAsync_WorkerWritesAMalformedFrame_FailsInOneLineAndTheWorkerIsToBeKilled(string violation)
    {
        await using FakeWorker fake = await FakeWorker.StartAsync(MaxFrame);
        Task<ReadOnlyMemory<byte>> request = fake.Connection.RequestAsync("diagnostic", new byte[13]);
        await fake.ReadRequestIdAsync();

        await fake.SendAsync(Malformed(violation));

        var ex = await Assert.ThrowsAsync<WorkerProtocolException>(() => request.WaitAsync(Bound));
        Assert.DoesNotContain(ex.Message, char.IsControl);
        Assert.Contains("the fake worker", ex.Message);
        Assert.Equal(1, fake.Kills);
        // Later requests fail at once with the same reason.
        var later = await Assert.ThrowsAsync<WorkerProtocolException>(() => fake.Connection.RequestAsync("diagnostic", new byte[13]).WaitAsync(Bound));
        Assert.Same(ex, later);
    }

    [Fact]
    public async Task RequestAsync_WorkerStopsInTheMiddleOfAFrame_WaitersLearnItExited()
    {
        await using FakeWorker fake = await FakeWorker.StartAsync(MaxFrame);
        Task<ReadOnlyMemory<byte>> request = fake.Connection.RequestAsync("diagnostic", new byte[13]);
        long id = await fake.ReadRequestIdAsync();
        byte[] whole = Response(id, new byte[1000]);

        await fake.SendAsync(whole[..500]);
        await fake.CloseOutputAsync();

        var ex = await Assert.ThrowsAsync<WorkerExitedException>(() => request.WaitAsync(Bound));
        Assert.Contains("closed its output", ex.Message);
    }

    [Fact]
    public async Task RequestAsync_CancelledWhileItsAnswerIsHalfReadAndTheWorkerStalls_ReturnsAndLaterRequestsFail()
    {
        await using FakeWorker fake = await FakeWorker.StartAsync(MaxFrame, diesWhenKilled: true);
        byte[] reply = new byte[1000];
        using var cts = new CancellationTokenSource();
        Task<ReadOnlyMemory<byte>> request = fake.Connection.RequestAsync("ipc.echo", new byte[1000], reply, cts.Token);
        long id = await fake.ReadRequestIdAsync();
        byte[] whole = Response(id, [.. Enumerable.Repeat((byte)7, 1000)]);

        // The header, the id and half the answer; then the worker stalls with its output open.
        await fake.SendAsync(whole[..^500]);
        // The reader has claimed the caller's buffer: the first half of the answer is in it.
        await Eventually.TrueAsync(() => reply[0] == 7);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request.WaitAsync(Bound));
        byte[] whenReturned = [.. reply];
        // The answer cannot be left half read: the worker was killed, and the conversation is over.
        Assert.Equal(1, fake.Kills);
        var later = await Assert.ThrowsAsync<WorkerExitedException>(() => fake.Connection.RequestAsync("ipc.echo", new byte[10]).WaitAsync(Bound));
        Assert.Contains("cancelled while its answer was being read", later.Message);
        // Nothing was written into the caller's buffer after the call returned.
        await fake.Connection.Completion.WaitAsync(Bound);
        Assert.Equal(whenReturned, reply);
    }

    [Fact]
    public async Task RequestAsync_AnswersForUnknownIdsAndLargerThanTheBuffer_IgnoredAndDelivered()
    {
        await using FakeWorker fake = await FakeWorker.StartAsync(MaxFrame);
        byte[] small = new byte[4];
        Task<ReadOnlyMemory<byte>> request = fake.Connection.RequestAsync("ipc.echo", new byte[13], small);
        long id = await fake.ReadRequestIdAsync();
        byte[] large = [.. Enumerable.Range(0, 5000).Select(i => (byte)i)];

        // An answer nobody asked for (read and dropped), then the real one, larger than the caller's buffer.
        await fake.SendAsync([.. Response(id + 1000, new byte[3000]), .. Response(id, large)]);

        Assert.Equal(large, (await request.WaitAsync(Bound)).ToArray());
        Assert.Equal(0, fake.Kills);
    }

    private static byte[] Malformed(string violation)
    {
        byte[] header = new byte[WireFormat.HeaderSize];
        switch (violation)
        {
            case "unknown type":
                return FakeWorker.RawFrame((FrameType)99, new byte[3]);
            case "length 0":
                return header;
            case "over the maximum":
                BinaryPrimitives.WriteUInt32LittleEndian(header, MaxFrame + 100);
                header[4] = (byte)FrameType.Response;
                return header;
            case "short response":
                return FakeWorker.RawFrame(FrameType.Response, new byte[3]);
            case "short error":
                return FakeWorker.RawFrame(FrameType.Error, new byte[9]);
            case "large error":
                return FakeWorker.RawFrame(FrameType.Error, new byte[WireFormat.MaxSmallFrameSize + 1]);
            case "hello":
                return FakeWorker.Frame(w => WireFormat.WriteHello(w));
            case "request":
                return FakeWorker.Frame(w => WireFormat.WriteRequestHeader(w, 1, "diagnostic", 0));
            default:
                throw new ArgumentOutOfRangeException(nameof(violation), violation, null);
        }
    }

    private static byte[] Response(long id, byte[] payload) => FakeWorker.Response(id, payload);
}
