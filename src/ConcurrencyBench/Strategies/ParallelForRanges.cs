using System.Collections.Concurrent;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Strategies;

/// <summary>
/// <see cref="Parallel.ForEach{TSource}(Partitioner{TSource}, ParallelOptions, Action{TSource})"/> over chunked ranges
/// of the item indices (<see cref="Partitioner.Create(int, int, int)"/>), at most K at once: each range runs its items
/// in a plain loop, so the per-item cost of the loop is paid once a range. With no range size,
/// <see cref="Partitioner.Create(int, int)"/> picks one (about three ranges per core).
/// </summary>
internal sealed class ParallelForRanges : IConcurrencyStrategy
{
    public ParallelForRanges(int? rangeSize, int maxDegreeOfParallelism)
    {
        if (rangeSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rangeSize), rangeSize, "a range holds at least 1 item.");
        }

        ThrowHelper.ThrowIfWorkersInvalid(maxDegreeOfParallelism, nameof(maxDegreeOfParallelism));
        RangeSize = rangeSize;
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    /// <summary>Gets the items per range; null when the partitioner picks it.</summary>
    public int? RangeSize { get; }

    public int MaxDegreeOfParallelism { get; }

    public string Name => $"ParallelForRanges({(RangeSize is int size ? size.ToString(System.Globalization.CultureInfo.InvariantCulture) : "default")}, {MaxDegreeOfParallelism})";

    public Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return StrategyRun.Blocking(workload, cancellationToken, scope =>
        {
            if (scope.Count == 0)
            {
                return;
            }

            var options = new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism, CancellationToken = scope.Token };
            OrderablePartitioner<Tuple<int, int>> ranges = RangeSize is int size ? Partitioner.Create(0, scope.Count, size) : Partitioner.Create(0, scope.Count);
            Parallel.ForEach(ranges, options, range =>
            {
                for (int i = range.Item1; i < range.Item2; i++)
                {
                    scope.Run(i);
                }
            });
        });
    }
}
