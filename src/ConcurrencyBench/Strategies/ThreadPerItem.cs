using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Strategies;

/// <summary>One dedicated <see cref="Thread"/> per item: unbounded concurrency, paid for with a thread each.</summary>
internal sealed class ThreadPerItem : IConcurrencyStrategy
{
    public static readonly ThreadPerItem Instance = new();

    public string Name => "ThreadPerItem";

    public Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return StrategyRun.Async(workload, cancellationToken, static scope =>
            DedicatedThreads.RunAsync(scope, scope.Count, static (scope, threadIndex) => scope.Run(threadIndex)));
    }
}
