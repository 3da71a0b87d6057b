using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Strategies;

/// <summary>
/// <see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>
/// over the asynchronous form of the items, at most K at once.
/// </summary>
internal sealed class ParallelForEachAsync : IConcurrencyStrategy
{
    public ParallelForEachAsync(int maxDegreeOfParallelism)
    {
        ThrowHelper.ThrowIfWorkersInvalid(maxDegreeOfParallelism, nameof(maxDegreeOfParallelism));
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    public int MaxDegreeOfParallelism { get; }

    public string Name => $"ParallelForEachAsync({MaxDegreeOfParallelism})";

    public Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return StrategyRun.Async(workload, cancellationToken, scope =>
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism, CancellationToken = scope.Token };
            return Parallel.ForEachAsync(Enumerable.Range(0, scope.Count), options, (index, _) => scope.RunAsync(index));
        });
    }
}
