using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Strategies;

/// <summary>
/// Runs a strategy over the items in decreasing order of their cost (the largest-first, or LPT, schedule), and gives
/// the results back in input order. Every strategy that hands out items one at a time in index order (K threads on a
/// queue, Parallel.ForEach and PLINQ over the one-at-a-time partitioner, the process pool) then keeps its workers busy
/// until the small items at the end, instead of starting a large item last.
/// </summary>
/// <remarks>
/// The inner strategy sees a reordered view of the workload (a remote one stays remote: its requests are those of the
/// original items). A failure is the inner strategy's: the first failed item in the largest-first order.
/// </remarks>
internal sealed class LargestFirst : IConcurrencyStrategy
{
    private readonly IConcurrencyStrategy _inner;
    private readonly Func<int, double> _costOf;

    public LargestFirst(IConcurrencyStrategy inner, Func<int, double> costOf)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(costOf);
        _inner = inner;
        _costOf = costOf;
    }

    public string Name => _inner.Name + ", largest first";

    /// <summary>The order of <paramref name="count"/> items: by decreasing cost, ties in input order.</summary>
    /// <param name="count">The items.</param>
    public int[] Order(int count)
    {
        double[] costs = new double[count];
        for (int i = 0; i < count; i++)
        {
            costs[i] = _costOf(i);
            if (!double.IsFinite(costs[i]) || costs[i] < 0)
            {
                throw new ArgumentOutOfRangeException("costOf", costs[i], $"item {i}'s cost must be finite and 0 or more.");
            }
        }

        return [.. Enumerable.Range(0, count).OrderByDescending(i => costs[i])];
    }

    public async Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        int[] order = Order(workload.Count);
        TResult[] reordered = await _inner.RunAsync(ReorderedWorkload.Of(workload, order), cancellationToken).ConfigureAwait(false);
        var results = new TResult[reordered.Length];
        for (int position = 0; position < order.Length; position++)
        {
            results[order[position]] = reordered[position];
        }

        return results;
    }
}
