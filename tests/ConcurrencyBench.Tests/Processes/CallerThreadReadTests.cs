using ConcurrencyBench.Ipc;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Processes;

/// <summary>
/// A request whose caller reads its own answer (<see cref="WorkerConnection.RequestOnCallerThreadAsync"/>, the pipe
/// echo's path): its answer, the answers of others that come first, cancellation before and inside a frame, the
/// worker's end, and the one-reader rule.
/// </summary>
public sealed class CallerThreadReadTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RequestOnCallerThread_ReturnsOnlyOnceItHasReadItsAnswerIntoTheBuffer()
    {
        await using FakeWorker fake = await FakeWorker.StartAsync(blockingReads: true);
        byte[] payload = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))];
        byte[] reply = new byte[3000];
        Task answering = Task.Run(async () => await fake.SendAsync(FakeWorker.Response(await fake.ReadRequestIdAsync(), payload)));

        // On a thread of its own: the call blocks it until the answer is in.
        Task<ReadOnlyMemory<byte>> call = await Task.Factory.StartNew(
            () => fake.Connection.RequestOnCallerThreadAsync(IpcHandlers.Echo, ReadOnlyMemory<byte>.Empty, payload, reply),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).WaitAsync(Bound);

        // The loop's path would return while the answer is still to come; this one has read it already.
        Assert.True(call.IsCompletedSuccessfully);
        Assert.Equal(payload, reply);
        Assert.Equal(payload, (await call).ToArray());
        await answering.WaitAsync(Bound);
        // The loop has the pipe again: a plain request is answered through it.
        Task<ReadOnlyMemory<byte>> later = fake.Connection.RequestAsync("diagnostic", new byte[5]);
        await fake.SendAsync(FakeWorker.Response(await fake.ReadRequestIdAsync(), [1, 2, 3]));
        Assert.Equal([1, 2, 3], (await later.WaitAsync(Bound)).ToArray());
    }

    [Fact]
    public async Task RequestOnCallerThread_AnswersToOthersComeFirst_EachGoesToItsOwnCaller()
    {
        await using FakeWorker fake = await FakeWorker.StartAsync(blockingReads: true);
        Task<ReadOnlyMemory<byte>> other = fake.Connection.RequestAsync("diagnostic", new byte[5]);
        long otherId = await fake.ReadRequestIdAsync();
        Task<ReadOnlyMemory<byte>> mine = OnItsOwnThread(fake, new byte[10], CancellationToken.None);
        long mineId = await fake.ReadRequestIdAsync();

        // The other request's answer first: the caller reading reads it and hands it over, then reads its own.
        await fake.SendAsync([.. FakeWorker.Response(otherId, [9, 9]), .. FakeWorker.Response(mineId, [4, 5, 6])]);

        Assert.Equal([9, 9], (await other.WaitAsync(Bound)).ToArray());
        Assert.Equal([4, 5, 6], (await mine.WaitAsync(Bound)).ToArray());
    }

    [Fact]
    public async Task RequestOnCallerThread_TwoAtOnce_OneReadsTheOtherWaitsForTheLoopAndBothAreAnswered()
    {
        await using FakeWorker fake = await FakeWorker.StartAsync(blockingReads: true);
        Task<ReadOnlyMemory<byte>> first = OnItsOwnThread(fake, new byte[10], CancellationToken.None);
        long firstId = await fake.ReadRequestIdAsync();
        Task<ReadOnlyMemory<byte>> second = OnItsOwnThread(fake, new byte[10], CancellationToken.None);
        long secondId = await fake.ReadRequestIdAsync();

        // Answered in the other order: whichever thread reads, each answer reaches its caller.
        await fake.SendAsync(FakeWorker.Response(secondId, [2]));
        Assert.Equal([2], (await second.WaitAsync(Bound)).ToArray());
        await fake.SendAsync(FakeWorker.Response(firstId, [1]));
        Assert.Equal([1], (await first.WaitAsync(Bound)).ToArray());
    }

    [Fact]
    public async Task RequestOnCallerThread_CancelledBeforeItsAnswerBegins_StopsWaitingAndTheWorkerLives()
    {
        await using FakeWorker fake = await FakeWorker.StartAsync(blockingReads: true);
        using var cts = new CancellationTokenSource();
        Task<ReadOnlyMemory<byte>> call = OnItsOwnThread(fake, new byte[10], cts.Token);
        long id = await fake.ReadRequestIdAsync();

        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Bound));
        Assert.Equal(0, fake.Kills);
        // Its late answer is read by the loop and dropped; the next call is answered as usual.
        await fake.SendAsync(FakeWorker.Response(id, [7]));
        Task<ReadOnlyMemory<byte>> next = OnItsOwnThread(fake, new byte[10], CancellationToken.None);
        await fake.SendAsync(FakeWorker.Response(await fake.ReadRequestIdAsync(), [8]));
        Assert.Equal([8], (await next.WaitAsync(Bound)).ToArray());
        Assert.Equal(1, fake.Connection.UnclaimedAnswers);
    }

    [Fact]
    public async Task RequestOnCallerThread_CancelledWhileItReadsAFrameAndTheWorkerStalls_TheWorkerIsKilledAndTheCallEnds()
    {
        await using FakeWorker fake = await FakeWorker.StartAsync(diesWhenKilled: true, blockingReads: true);
        byte[] reply = new byte[1000];
        using var cts = new CancellationTokenSource();
        Task<ReadOnlyMemory<byte>> call = OnItsOwnThread(fake, new byte[1000], cts.Token, reply);
        long id = await fake.ReadRequestIdAsync();

        // Half the answer; then the worker stalls with its output open.
        await fake.SendAsync(FakeWorker.Response(id, [.. Enumerable.Repeat((byte)7, 1000)])[..^500]);
        await Eventually.TrueAsync(() => reply[0] == 7);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Bound));
        Assert.Equal(1, fake.Kills);
        var later = await Assert.ThrowsAsync<WorkerExitedException>(() => fake.Connection.RequestAsync("ipc.echo", new byte[10]).WaitAsync(Bound));
        Assert.Contains("cannot be left half read", later.Message);
        await fake.Connection.Completion.WaitAsync(Bound);
    }

    [Fact]
    public async Task RequestOnCallerThread_WorkerClosesItsOutput_TheCallFailsAndTheLoopEnds()
    {
        await using FakeWorker fake = await FakeWorker.StartAsync(blockingReads: true);
        Task<ReadOnlyMemory<byte>> call = OnItsOwnThread(fake, new byte[10], CancellationToken.None);
        await fake.ReadRequestIdAsync();

        await fake.CloseOutputAsync();

        var ex = await Assert.ThrowsAsync<WorkerExitedException>(() => call.WaitAsync(Bound));
        Assert.Contains("closed its output", ex.Message);
        await fake.Connection.Completion.WaitAsync(Bound);
        Assert.Same(ex, fake.Connection.Fault);
    }

    [Fact]
    public async Task RequestOnCallerThread_TheWorkerGoesWhileTheLoopRests_TheConversationStillEnds()
    {
        await using FakeWorker fake = await FakeWorker.StartAsync(blockingReads: true);
        Task<ReadOnlyMemory<byte>> call = OnItsOwnThread(fake, new byte[10], CancellationToken.None);
        await fake.SendAsync(FakeWorker.Response(await fake.ReadRequestIdAsync(), [1]));
        await call.WaitAsync(Bound);

        // Nothing waits for an answer now: the loop rests before it watches the pipe again, and still sees the end.
        await fake.CloseOutputAsync();

        await fake.Connection.Completion.WaitAsync(Bound);
        Assert.Contains("closed its output", fake.Connection.Fault!.Message);
    }

    [Fact]
    public async Task RequestOnCallerThread_WhileAnotherAnswerIsOwed_GoesTheLoopsWay()
    {
        // The worker owes an answer already: it may send it while this request goes out, and nobody would read it.
        await using FakeWorker fake = await FakeWorker.StartAsync(blockingReads: true);
        Task<ReadOnlyMemory<byte>> owed = fake.Connection.RequestAsync("diagnostic", new byte[5]);
        long owedId = await fake.ReadRequestIdAsync();

        Task<ReadOnlyMemory<byte>> call = await Task.Factory.StartNew(
            () => fake.Connection.RequestOnCallerThreadAsync(IpcHandlers.Echo, ReadOnlyMemory<byte>.Empty, new byte[10], Memory<byte>.Empty),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).WaitAsync(Bound);

        // It returned before its answer came: the loop reads it.
        Assert.False(call.IsCompleted);
        long id = await fake.ReadRequestIdAsync();
        await fake.SendAsync([.. FakeWorker.Response(id, [2]), .. FakeWorker.Response(owedId, [1])]);
        Assert.Equal([2], (await call.WaitAsync(Bound)).ToArray());
        Assert.Equal([1], (await owed.WaitAsync(Bound)).ToArray());
    }

    // Calls on a thread of its own (the call blocks it until its answer is in) and gives the call's task.
    private static Task<ReadOnlyMemory<byte>> OnItsOwnThread(FakeWorker fake, byte[] payload, CancellationToken cancellationToken, byte[]? reply = null) =>
        Task.Factory.StartNew(
            () => fake.Connection.RequestOnCallerThreadAsync(IpcHandlers.Echo, ReadOnlyMemory<byte>.Empty, payload, reply ?? Memory<byte>.Empty, cancellationToken),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap();
}
