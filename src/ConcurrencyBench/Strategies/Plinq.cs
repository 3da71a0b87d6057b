using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Strategies;

/// <summary>
/// PLINQ: <c>AsParallel().AsOrdered().WithDegreeOfParallelism(K).Select(...).ToArray()</c> over the item indices,
/// handed out one at a time.
/// </summary>
internal sealed class Plinq : IConcurrencyStrategy
{
    public Plinq(int degreeOfParallelism)
    {
        ThrowHelper.ThrowIfWorkersInvalid(degreeOfParallelism, nameof(degreeOfParallelism));
        DegreeOfParallelism = degreeOfParallelism;
    }

    public int DegreeOfParallelism { get; }

    public string Name => $"Plinq({DegreeOfParallelism})";

    public Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return StrategyRun.Blocking(workload, cancellationToken, scope =>
        {
            // PLINQ allows at most 512 workers.
            int degree = Math.Min(DegreeOfParallelism, 512);
            // The ordered merge is part of what PLINQ costs; the results are already in place.
            _ = ItemPartitioner.OneAtATime(scope.Count)
                .AsParallel()
                .AsOrdered()
                .WithDegreeOfParallelism(degree)
                .WithCancellation(scope.Token)
                .Select(index =>
                {
                    scope.Run(index);
                    return scope.Results[index];
                })
                .ToArray();
        });
    }
}
