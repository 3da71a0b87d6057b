using System.IO.Pipes;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Processes.Protocol;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Processes;

/// <summary>
/// A frame written in pieces (<see cref="FrameWriter.WriteReservedAsync"/> with <c>inPieces</c>, the caller-read
/// path's write): the head alone, then the tail a piece at a time. The frame still arrives whole and in order, and a
/// write blocked between pieces still ends when cancelled.
/// </summary>
public sealed class PieceWriteTests
{
    private const string CallerThread = "piece-writer";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(FrameWriter.PieceBytes)]
    [InlineData(FrameWriter.PieceBytes + 1)]
    [InlineData((3 << 20) + 5)]
    public async Task WriteReservedInPieces_ThroughAPipe_TheReaderGetsTheWholeFrameInOrder(int tailLength)
    {
        byte[] tail = new byte[tailLength];
        new Random(tailLength).NextBytes(tail);
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var writer = new FrameWriter(server, leaveOpen: true, blocking: true);
        var reader = new FrameReader(client, maxFrameSize: 4 << 20, synchronous: true);
        // The reader drains while the writer writes: 3 MiB is more than the pipe holds.
        Task<(long Id, byte[] Body)> reading = Task.Run(async () =>
        {
            (FrameType type, int length) = (await reader.ReadHeaderAsync())!.Value;
            Assert.Equal(FrameType.Response, type);
            byte[] body = new byte[length];
            await reader.ReadBodyAsync(body);
            return (BitConverter.ToInt64(body), body[8..]);
        });

        Assert.True(writer.TryReserve());
        await writer.WriteReservedAsync(w => WireFormat.WriteResponseHeader(w, 42, tailLength), tail, CancellationToken.None, inPieces: true);

        (long id, byte[] received) = await reading.WaitAsync(Bound);
        Assert.Equal(42, id);
        Assert.Equal(tail, received);
        // The reservation was given back with the frame: the next frame goes out at once.
        Assert.True(writer.TryReserve());
        writer.CancelReservation();
    }

    [Fact]
    public async Task RequestOnCallerThread_CancelledWhileItsPiecesBlock_ThrowsAndTheWorkerIsKilled()
    {
        const int Payload = 1 << 20;
        WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30), maxFrameSize: Payload + 1024);
        int pid = worker.ProcessId;
        try
        {
            // Stopped, the worker reads nothing: the frame (1 MiB and its head) is more than its 1 MiB pipe holds, so
            // the write blocks between pieces on the caller's thread.
            Signals.Stop(pid);
            using var cts = new CancellationTokenSource();
            byte[] reply = new byte[Payload];
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var caller = new Thread(() =>
            {
                try
                {
                    worker.Connection.RequestOnCallerThreadAsync(IpcHandlers.Echo, ReadOnlyMemory<byte>.Empty, new byte[Payload], reply, cts.Token).GetAwaiter().GetResult();
                    done.SetResult();
                }
                catch (Exception ex)
                {
                    done.SetException(ex);
                }
            }) { Name = CallerThread, IsBackground = true };
            caller.Start();
            // Cancelled only once the caller's thread is blocked in the pipe's write: the frame is under way.
            await Eventually.TrueAsync(() => ThreadProbe.WaitChannel(Environment.ProcessId, CallerThread)?.Contains("pipe_write", StringComparison.Ordinal) == true);

            cts.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => done.Task.WaitAsync(Bound));
            Assert.Empty(await ProcessProbe.WaitAllDeadAsync([pid]));
        }
        finally
        {
            Signals.Kill(pid);
            await worker.DisposeAsync();
        }
    }
}
