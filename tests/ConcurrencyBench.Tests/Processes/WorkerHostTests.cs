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

    private static byte[] Frame(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
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
