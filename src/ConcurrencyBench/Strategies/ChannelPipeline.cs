using System.Threading.Channels;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Strategies;

/// <summary>
/// A two-stage pipeline on <see cref="System.Threading.Channels"/>: F asynchronous fetchers wait for the items'
/// inputs (many at once, no thread held) and write them into a bounded channel; C workers on the thread pool take
/// them out and compute. The bounded capacity is the backpressure: fetchers wait while C workers are behind, so at
/// most F + capacity inputs are held at once. For an <see cref="IStagedWorkload{TResult}"/> the stages are its fetch
/// and its computation; any other workload's asynchronous form is the first stage and the second passes it on.
/// </summary>
/// <remarks>
/// Cancellation (or a failed item) stops the fetchers from starting items, ends their waits on the channel, and the
/// workers drain what is left without computing it; the call returns once every fetcher and worker has ended, so no
/// task of the run is left running.
/// </remarks>
internal sealed class ChannelPipeline : IConcurrencyStrategy
{
    public ChannelPipeline(int fetchers, int workers, int capacity)
    {
        ThrowHelper.ThrowIfWorkersInvalid(fetchers, nameof(fetchers));
        ThrowHelper.ThrowIfWorkersInvalid(workers, nameof(workers));
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Fetchers = fetchers;
        Workers = workers;
        Capacity = capacity;
    }

    public int Fetchers { get; }

    public int Workers { get; }

    public int Capacity { get; }

    public string Name => $"ChannelPipeline({Fetchers} fetching, {Workers} computing, capacity {Capacity})";

    public Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return workload is IStagedWorkload<TResult> staged
            ? StrategyRun.Async(workload, cancellationToken, scope => RunStages(scope, staged.FetchAsync, staged.Process))
            : StrategyRun.Async(workload, cancellationToken, scope => RunStages(scope, workload.ExecuteAsync, static (_, result, _) => result));
    }

    private async Task RunStages<TFetched, TResult>(WorkScope<TResult> scope, Func<int, CancellationToken, ValueTask<TFetched>> fetch, Func<int, TFetched, CancellationToken, TResult> compute)
    {
        scope.Token.ThrowIfCancellationRequested();
        Channel<(int Index, TFetched Value)> channel = Channel.CreateBounded<(int, TFetched)>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = Workers == 1,
            SingleWriter = Fetchers == 1,
        });
        int next = -1;
        Task[] workers = [.. Enumerable.Range(0, Workers).Select(_ => Task.Run(Compute, CancellationToken.None))];
        Task[] fetchers = [.. Enumerable.Range(0, Math.Min(Fetchers, scope.Count)).Select(_ => Task.Run(Fetch, CancellationToken.None))];
        try
        {
            await Task.WhenAll(fetchers).ConfigureAwait(false);
        }
        finally
        {
            channel.Writer.TryComplete();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }

        async Task Fetch()
        {
            int index;
            while (!scope.IsStopped && (index = Interlocked.Increment(ref next)) < scope.Count)
            {
                TFetched value;
                try
                {
                    value = await fetch(index, scope.Token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    scope.Fail(index, ex);
                    return;
                }

                try
                {
                    await channel.Writer.WriteAsync((index, value), scope.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (scope.IsStopped)
                {
                    return;
                }
            }
        }

        async Task Compute()
        {
            await foreach ((int index, TFetched value) in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (scope.IsStopped)
                {
                    continue; // the run is stopping: drain without computing
                }

                try
                {
                    scope.Results[index] = compute(index, value, scope.Token);
                }
                catch (Exception ex)
                {
                    scope.Fail(index, ex);
                }
            }
        }
    }
}
