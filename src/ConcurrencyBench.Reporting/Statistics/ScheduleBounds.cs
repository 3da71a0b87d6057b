namespace ConcurrencyBench.Reporting.Statistics;

/// <summary>
/// The best speedup a schedule of unequal items can reach on a number of workers: total work / makespan, where each
/// next item goes to the worker that becomes free first (greedy list scheduling, Graham 1966).
/// </summary>
public static class ScheduleBounds
{
    /// <summary>The bound when items are taken in list order.</summary>
    /// <param name="costs">The cost of each item, in any unit.</param>
    /// <param name="workers">The workers.</param>
    public static double ListOrder(IReadOnlyList<double> costs, int workers) => Bound(costs, workers);

    /// <summary>The bound when the most expensive items are taken first (longest processing time first).</summary>
    /// <param name="costs">The cost of each item, in any unit.</param>
    /// <param name="workers">The workers.</param>
    public static double LargestFirst(IReadOnlyList<double> costs, int workers) =>
        Bound([.. (costs ?? throw new ArgumentNullException(nameof(costs))).OrderDescending()], workers);

    /// <summary>The bound of any schedule: the total work over the cores, or the largest item, whichever is longer.</summary>
    /// <param name="costs">The cost of each item, in any unit.</param>
    /// <param name="cores">The cores.</param>
    public static double Ideal(IReadOnlyList<double> costs, int cores)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentOutOfRangeException.ThrowIfLessThan(cores, 1);
        double total = costs.Sum();
        return total <= 0 ? 1 : total / Math.Max(total / cores, costs.Max());
    }

    private static double Bound(IReadOnlyList<double> costs, int workers)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        double total = costs.Sum();
        if (total <= 0)
        {
            return 1;
        }

        var free = new PriorityQueue<int, double>();
        for (int w = 0; w < workers; w++)
        {
            free.Enqueue(w, 0);
        }

        double makespan = 0;
        foreach (double cost in costs)
        {
            free.TryDequeue(out int worker, out double at);
            double done = at + cost;
            makespan = Math.Max(makespan, done);
            free.Enqueue(worker, done);
        }

        return total / makespan;
    }
}
