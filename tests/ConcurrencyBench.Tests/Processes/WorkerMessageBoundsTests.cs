using System.Buffers.Binary;
using System.Text;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Processes.Protocol;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Processes;

/// <summary>What a worker says reaches the parent's exceptions bounded and on one line, however it says it.</summary>
public sealed class WorkerMessageBoundsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RequestAsync_ErrorMessageWithControlCharacters_OneBoundedPrintableLine()
    {
        await using FakeWorker fake = await FakeWorker.StartAsync();
        Task<ReadOnlyMemory<byte>> request = fake.Connection.RequestAsync("diagnostic", new byte[13]);
        long id = await fake.ReadRequestIdAsync();

        string hostile = "first line\nsecond line\r\n\u001b[2J\u0007\0tab\there\u202Ereversed " + new string('x', 2500);
        await fake.SendAsync(ErrorFrame(id, WorkerErrorCode.ItemFailed, hostile));

        var ex = await Assert.ThrowsAsync<RemoteItemException>(() => request.WaitAsync(Bound));
        AssertOneBoundedLine(ex.Message);
        Assert.Contains("first line", ex.Message);
        Assert.Contains("second line", ex.Message);
    }

    [Fact]
    public async Task RequestAsync_RefusalOfAMegabyte_OneBoundedLine()
    {
        await using FakeWorker fake = await FakeWorker.StartAsync();
        Task<ReadOnlyMemory<byte>> request = fake.Connection.RequestAsync("diagnostic", new byte[13]);
        await fake.ReadRequestIdAsync();

        // The parent refuses the frame on its header and reads no further, so only the start of it is sent: the rest
        // would fill the pipe and block the sender for good.
        byte[] frame = ErrorFrame(0, WorkerErrorCode.MalformedFrame, string.Concat(Enumerable.Repeat("no\n", (1 << 20) / 3)));
        await fake.SendAsync(frame[..(16 << 10)]);

        var ex = await Assert.ThrowsAsync<WorkerProtocolException>(() => request.WaitAsync(Bound));
        AssertOneBoundedLine(ex.Message);
    }

    [Fact]
    public async Task StderrTail_LinesWithControlCharacters_DescribedOnOneBoundedLine()
    {
        var tail = new StderrTail();
        foreach (string line in new[] { "plain", "with\rreturn\u001b[31m and escape", new string('y', 100_000), "\ttabbed\0" })
        {
            tail.Add(line);
        }

        AssertOneBoundedLine(tail.Describe());
    }

    private static void AssertOneBoundedLine(string message)
    {
        Assert.InRange(message.Length, 1, 2000);
        Assert.DoesNotContain(message, c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
    }

    // An error frame as a hostile worker writes it: no limit on the message, nothing escaped.
    private static byte[] ErrorFrame(long id, WorkerErrorCode code, string message)
    {
        byte[] text = Encoding.UTF8.GetBytes(message);
        byte[] body = new byte[10 + text.Length];
        BinaryPrimitives.WriteInt64LittleEndian(body, id);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(8), (ushort)code);
        text.CopyTo(body, 10);
        return FakeWorker.RawFrame(FrameType.Error, body);
    }
}
