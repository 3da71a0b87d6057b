using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Strategies;

/// <summary>
/// A fixed set of K dedicated threads that pull item indices from a shared queue until it is empty.
/// </summary>
internal sealed class FixedThreads : IConcurrencyStrategy
{
    public FixedThreads(int workers)
    {
        ThrowHelper.ThrowIfWorkersInvalid(workers);
        Workers = workers;
    }

    public int Workers { get; }

    public string Name => $"FixedThreads({Workers})";

    public Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        int threads = Math.Min(Workers, workload.Count);
        return StrategyRun.Async(workload, cancellationToken, scope =>
        {
            // The queue of item indices: a counter each thread takes the next index from.
            int next = -1;
            return DedicatedThreads.RunAsync(scope, threads, (scope, _) =>
            {
                int index;
                while (!scope.IsStopped && (index = Interlocked.Increment(ref next)) < scope.Count)
                {
                    scope.Run(index);
                }
            });
        });
    }
}
