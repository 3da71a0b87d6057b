using System.Collections.Concurrent;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Strategies;

/// <summary>
/// <see cref="Parallel.ForEach{TSource}(Partitioner{TSource}, ParallelOptions, Action{TSource})"/> over the item
/// indices, at most K at once, handing out one item at a time (items of unequal cost balance that way).
/// </summary>
internal sealed class ParallelForEach : IConcurrencyStrategy
{
    public ParallelForEach(int maxDegreeOfParallelism)
    {
        ThrowHelper.ThrowIfWorkersInvalid(maxDegreeOfParallelism, nameof(maxDegreeOfParallelism));
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    public int MaxDegreeOfParallelism { get; }

    public string Name => $"ParallelForEach({MaxDegreeOfParallelism})";

    public Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return StrategyRun.Blocking(workload, cancellationToken, scope =>
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism, CancellationToken = scope.Token };
            Parallel.ForEach(ItemPartitioner.OneAtATime(scope.Count), options, scope.Run);
        });
    }
}
