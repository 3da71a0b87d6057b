using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Strategies;

/// <summary>The baseline: every item in turn on the calling thread, blocking while it waits.</summary>
internal sealed class Sequential : IConcurrencyStrategy
{
    public static readonly Sequential Instance = new();

    public string Name => "Sequential";

    public Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return StrategyRun.Blocking(workload, cancellationToken, static scope =>
        {
            for (int i = 0; i < scope.Count && !scope.IsStopped; i++)
            {
                scope.Run(i);
            }
        });
    }
}
