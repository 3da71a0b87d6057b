using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Processes.Protocol;

namespace ConcurrencyBench.Tests.Processes;

/// <summary>The worker's side of the protocol when its parent has gone: it exits cleanly, whatever it was saying.</summary>
public sealed class WorkerHostTests
{
    [Theory]
    [InlineData(WireFormat.Version, WorkerHost.ExitNormal)]
    [InlineData((ushort)99, WorkerHost.ExitVersionMismatch)]
    public async Task RunAsync_ParentGoneBeforeTheHandshakeAnswer_ExitsCleanly(ushort version, int expected)
    {
        var input = new MemoryStream(Frame(w => WireFormat.WriteHello(w, version)));

        int code = await WorkerHost.RunAsync(input, new BrokenPipeStream());

        Assert.Equal(expected, code);
    }

    [Fact]
    public async Task RunAsync_ParentGoneBeforeARefusal_ExitsCleanly()
    {
        byte[] badFrame = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(badFrame, 12);
        badFrame[4] = 99;

        int code = await WorkerHost.RunAsync(new MemoryStream(badFrame), new BrokenPipeStream());

        Assert.Equal(WorkerHost.ExitProtocolError, code);
    }

    [Fact]
    public async Task Worker_ParentClosedItsOutputDuringTheHandshake_ExitsWithoutAStackTrace()
    {
        WorkerLaunch launch = WorkerLocator.Find();
        var info = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in launch.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var worker = Process.Start(info)!;
        // The parent "vanishes" from the worker's output first, then says hello: the worker's answer meets a broken pipe.
        worker.StandardOutput.BaseStream.Dispose();
        Task<string> errors = worker.StandardError.ReadToEndAsync();
        Stream input = worker.StandardInput.BaseStream;
        await input.WriteAsync(Frame(w => WireFormat.WriteHello(w)));
        await input.FlushAsync();
        input.Dispose();

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await worker.WaitForExitAsync(limit.Token);

        Assert.DoesNotContain("Unhandled exception", await errors);
        Assert.Equal(WorkerHost.ExitNormal, worker.ExitCode);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100_000, false)]
    [InlineData((3 << 20) + 5, true)]
    public async Task RunAsync_EchoesRelayedPieceByPiece_ComeBackWholeAndInTurn(int bytes, bool blocking)
    {
        byte[] payload = new byte[bytes];
        new Random(bytes).NextBytes(payload);
        // The echo between two others: each relay must leave the stream at the next frame's first byte.
        byte[] input =
        [
            .. Frame(w => WireFormat.WriteHello(w)),
            .. Request(1, "ipc.echo", [9, 8]),
            .. Request(2, "ipc.echo", payload),
            .. Request(3, "ipc.echo", [7]),
        ];
        var output = new MemoryStream();

        // At most 4,099 bytes a read: the relay sees the payload arrive in many pieces, as through a pipe.
        int exit = await WorkerHost.RunAsync(new TrickleStream(input, 4099), output, maxFrameSize: 4 << 20, blockingReads: blocking);

        Assert.Equal(WorkerHost.ExitNormal, exit);
        var frames = new FrameReader(new MemoryStream(output.ToArray()), 4 << 20);
        Assert.Equal(FrameType.HelloOk, (await frames.ReadHeaderAsync())!.Value.Type);
        await frames.ReadRestAsync();
        var answers = new Dictionary<long, byte[]>();
        while (await frames.ReadHeaderAsync() is (FrameType type, int _))
        {
            Assert.Equal(FrameType.Response, type);
            (long id, ReadOnlySequence<byte> answer) = WireFormat.ReadResponse(new(await frames.ReadRestAsync()));
            answers.Add(id, answer.ToArray());
        }

        Assert.Equal([1L, 2L, 3L], answers.Keys);
        Assert.Equal(payload, answers[2]);
        Assert.Equal([9, 8], answers[1]);
        Assert.Equal([7], answers[3]);
    }

    [Theory]
    [InlineData("ipc.echoes")]
    [InlineData("ipc.echx")]
    public async Task RunAsync_ARequestThatOnlyStartsLikeAnEcho_IsRefusedAsUnknown(string workload)
    {
        var output = new MemoryStream();

        int exit = await WorkerHost.RunAsync(new MemoryStream([.. Frame(w => WireFormat.WriteHello(w)), .. Request(5, workload, new byte[64])]), output);

        Assert.Equal(WorkerHost.ExitProtocolError, exit);
        var frames = new FrameReader(new MemoryStream(output.ToArray()), 1 << 16);
        Assert.Equal(FrameType.HelloOk, (await frames.ReadHeaderAsync())!.Value.Type);
        await frames.ReadRestAsync();
        Assert.Equal(FrameType.Error, (await frames.ReadHeaderAsync())!.Value.Type);
        Assert.Equal(WorkerErrorCode.UnknownWorkload, WireFormat.ReadError(new(await frames.ReadRestAsync())).Code);
    }

    [Fact]
    public async Task RunAsync_ParentGoneInTheMiddleOfAnEcho_ExitsCleanly()
    {
        byte[] whole = [.. Frame(w => WireFormat.WriteHello(w)), .. Request(1, "ipc.echo", new byte[50_000])];
        var output = new MemoryStream();

        int exit = await WorkerHost.RunAsync(new MemoryStream(whole[..^20_000]), output, blockingReads: true);

        Assert.Equal(WorkerHost.ExitNormal, exit);
        // What came back is a response's beginning, never more than arrived.
        Assert.InRange(output.Length, 1, whole.Length - 20_000);
    }

    private static byte[] Request(long id, string workload, byte[] payload) => Frame(w =>
    {
        WireFormat.WriteRequestHeader(w, id, workload, payload.Length);
        w.Write(payload);
    });

    private static byte[] Frame(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An input that hands out at most a few bytes a read, as a pipe does while its writer is still writing.</summary>
    private sealed class TrickleStream(byte[] bytes, int piece) : MemoryStream(bytes)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, piece)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, piece));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, piece)], cancellationToken);
    }

    /// <summary>An output whose reader has gone: every write fails as a write to a closed pipe does (EPIPE).</summary>
    private sealed class BrokenPipeStream : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => throw new IOException("Broken pipe");

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("Broken pipe");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new IOException("Broken pipe"));
    }
}
