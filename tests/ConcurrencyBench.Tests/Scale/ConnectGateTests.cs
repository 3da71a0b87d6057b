using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Scale;

/// <summary>The bound on the HTTP client's connects in flight.</summary>
public sealed class ConnectGateTests
{
    [Fact]
    public async Task RunAsync_NeverRunsMoreConnectsAtOnceThanItsBound()
    {
        var gate = new ConnectGate(3);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int running = 0;
        int mostAtOnce = 0;
        int started = 0;

        async ValueTask<int> Connect(CancellationToken cancellationToken)
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            Interlocked.Increment(ref started);
            await release.Task.WaitAsync(cancellationToken);
            Interlocked.Decrement(ref running);
            return now;
        }

        Task<int>[] connects = [.. Enumerable.Range(0, 10).Select(_ => gate.RunAsync(Connect, CancellationToken.None).AsTask())];

        // Each connect counts itself before its first await, and a free slot is taken synchronously: had the gate let
        // more through, more would have started by now. The other seven wait for a slot.
        Assert.Equal(3, Volatile.Read(ref started));
        release.SetResult();
        await Task.WhenAll(connects);
        Assert.Equal(10, started);
        Assert.Equal(3, mostAtOnce);
    }

    [Fact]
    public async Task RunAsync_FreesTheSlotWhenTheConnectFails()
    {
        var gate = new ConnectGate(1);

        await Assert.ThrowsAsync<IOException>(async () => await gate.RunAsync<int>(_ => throw new IOException("refused"), CancellationToken.None));

        Assert.Equal(7, await gate.RunAsync(_ => ValueTask.FromResult(7), CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_WaitingForASlot_HonoursCancellation()
    {
        var gate = new ConnectGate(1);
        var hold = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> first = gate.RunAsync(_ => new ValueTask<int>(hold.Task), CancellationToken.None).AsTask();
        using var cancel = new CancellationTokenSource();

        Task<int> second = gate.RunAsync(_ => ValueTask.FromResult(2), cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        hold.SetResult(1);
        Assert.Equal(1, await first);
    }

    [Fact]
    public void Constructor_RefusesABoundUnderOne() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectGate(0));

    [Fact]
    public async Task ConnectAsync_AsTheHandlersCallback_CarriesManyCallsInFlightThroughAFewSlots()
    {
        await using ServiceProcess service = await ServiceProcess.StartAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = int.MaxValue,
            ConnectCallback = new ConnectGate(4).ConnectAsync,
        });
        var workload = new HttpAggregationWorkload(client, service.Address, 200, TimeSpan.FromMilliseconds(20));

        string[] answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => workload.ExecuteAsync(i, CancellationToken.None).AsTask()));

        Assert.Equal(Enumerable.Range(0, 200).Select(ApiAggregationWorkload.ExpectedResult), answers);
    }

    private static void InterlockedMax(ref int location, int value)
    {
        int seen = Volatile.Read(ref location);
        while (value > seen)
        {
            int previous = Interlocked.CompareExchange(ref location, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
