using System.IO.Pipes;
using ConcurrencyBench.Ipc;

namespace ConcurrencyBench.Tests.Ipc;

/// <summary><see cref="UnixCalls.WriteBoth"/>: a frame's head and payload through a pipe in one call.</summary>
public sealed class GatherWriteTests
{
    [Theory]
    [InlineData(0, 5)]
    [InlineData(13, 0)]
    [InlineData(13, 3 << 20)]
    public async Task WriteBoth_ThroughAPipe_ArrivesAsBothInOrder(int first, int second)
    {
        byte[] a = [.. Enumerable.Range(0, first).Select(i => (byte)(i + 1))];
        byte[] b = new byte[second];
        new Random(second).NextBytes(b);
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var received = new MemoryStream();
        // The reader drains as the writer writes: 3 MiB is more than any pipe buffer holds.
        Task reading = client.CopyToAsync(received);

        UnixCalls.WriteBoth(server.SafePipeHandle, a, b);
        server.Dispose();
        await reading;

        Assert.Equal([.. a, .. b], received.ToArray());
    }

    [Fact]
    public void WriteBoth_TheReaderHasGone_ThrowsIOException()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        // The read end's only descriptor closed: a write meets EPIPE.
        server.DisposeLocalCopyOfClientHandle();

        Assert.Throws<IOException>(() => UnixCalls.WriteBoth(server.SafePipeHandle, [1, 2], [3]));
    }
}
