using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Strategies;

public sealed class ChannelPipelineStagesTests
{
    private static readonly TimeSpan Liveness = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunAsync_StagedWorkload_FetchesThenComputesEveryItem_InInputOrder()
    {
        var workload = new StagedProbe(50);

        int[] results = await ConcurrencyStrategies.ChannelPipeline(fetchers: 8, workers: 2, capacity: 4).RunAsync(workload);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => i * 3), results);
        Assert.Equal(50, workload.Fetched);
        Assert.Equal(50, workload.Computed);
    }

    [Fact]
    public async Task RunAsync_WorkersBehind_FetchersWait_AtMostFetchersPlusCapacityPlusWorkersInputsHeld()
    {
        const int Fetchers = 3, Workers = 2, Capacity = 4;
        var workload = new StagedProbe(100) { ComputeGate = new ManualResetEventSlim(false) };
        Task<int[]> run = ConcurrencyStrategies.ChannelPipeline(Fetchers, Workers, Capacity).RunAsync(workload);

        // With every worker held, the fetchers fill the channel, each holds one more input, and then they wait.
        await WaitUntil(() => workload.Held == Fetchers + Capacity + Workers);
        workload.ComputeGate.Set();
        int[] results = await run.WaitAsync(Liveness);

        Assert.Equal(Fetchers + Capacity + Workers, workload.MaxHeld);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => i * 3), results);
    }

    [Fact]
    public async Task RunAsync_CancelledWithFetchersAndWorkersWaiting_EndsEveryTask_AndComputesNothingMore()
    {
        using var cts = new CancellationTokenSource();
        var workload = new StagedProbe(100) { ComputeGate = new ManualResetEventSlim(false) };
        Task<int[]> run = ConcurrencyStrategies.ChannelPipeline(fetchers: 3, workers: 2, capacity: 4).RunAsync(workload, cts.Token);
        await WaitUntil(() => workload.Held == 9);

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Liveness));

        Assert.Equal(0, workload.Running);
        int computed = workload.Computed;
        int fetched = workload.Fetched;
        workload.ComputeGate.Set();
        Assert.Equal(computed, workload.Computed);
        Assert.Equal(fetched, workload.Fetched);
    }

    [Fact]
    public async Task RunAsync_AFailedComputation_ThrowsIt_AndStopsTheFetchers()
    {
        // Items after the failing one wait on a gate that never opens: a worker racing ahead could otherwise compute
        // (and the fetchers fetch) all 200 items in the microseconds the failure takes to stop the pipeline.
        var workload = new StagedProbe(200) { FailComputeAt = 5, ComputeGate = new ManualResetEventSlim(false), GatedFrom = 6 };

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => ConcurrencyStrategies.ChannelPipeline(4, 2, 2).RunAsync(workload).WaitAsync(Liveness));

        Assert.Equal("compute 5 failed", ex.Message);
        Assert.True(workload.Fetched < 200);
        Assert.Equal(0, workload.Running);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Liveness);
        while (!condition())
        {
            await Task.Delay(5, deadline.Token);
        }
    }

    /// <summary>Fetches at once; computes item i as 3i, optionally held at a gate or failing; counts what it holds.</summary>
    private sealed class StagedProbe(int count) : IStagedWorkload<int>
    {
        private int _held;
        private int _maxHeld;
        private int _fetched;
        private int _computed;
        private int _running;

        public ManualResetEventSlim? ComputeGate { get; init; }

        public int FailComputeAt { get; init; } = -1;

        public int GatedFrom { get; init; }

        public string Id => "staged-probe";

        public int Count => count;

        public int Held => Volatile.Read(ref _held);

        public int MaxHeld => Volatile.Read(ref _maxHeld);

        public int Fetched => Volatile.Read(ref _fetched);

        public int Computed => Volatile.Read(ref _computed);

        public int Running => Volatile.Read(ref _running);

        public ValueTask<byte[]> FetchAsync(int index, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _fetched);
            int held = Interlocked.Increment(ref _held);
            int max;
            while (held > (max = Volatile.Read(ref _maxHeld)) && Interlocked.CompareExchange(ref _maxHeld, held, max) != max)
            {
            }

            return ValueTask.FromResult(BitConverter.GetBytes(index));
        }

        public int Process(int index, byte[] fetched, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _running);
            try
            {
                if (index >= GatedFrom)
                {
                    ComputeGate?.Wait(cancellationToken);
                }

                if (index == FailComputeAt)
                {
                    throw new InvalidOperationException($"compute {index} failed");
                }

                Interlocked.Increment(ref _computed);
                return BitConverter.ToInt32(fetched) * 3;
            }
            finally
            {
                Interlocked.Decrement(ref _held);
                Interlocked.Decrement(ref _running);
            }
        }

        public int Execute(int index, CancellationToken cancellationToken) => Process(index, FetchAsync(index, cancellationToken).Result, cancellationToken);

        public async ValueTask<int> ExecuteAsync(int index, CancellationToken cancellationToken) => Process(index, await FetchAsync(index, cancellationToken), cancellationToken);
    }
}
