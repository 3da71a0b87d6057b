namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// The order of a run's trials: in each trial every case once, in a fresh random order over the whole selection
/// (randomized multiple interleaved trials: Abedi and Brecht, ICPE 2017; Google Benchmark's random interleaving), so
/// that a slow minute of a shared machine is spread over many rows instead of landing on one row's measurement.
/// </summary>
internal static class TrialSchedule
{
    /// <summary>The order of each trial: per trial, a permutation of 0 .. <paramref name="cases"/> - 1.</summary>
    /// <param name="cases">The cases of the selection.</param>
    /// <param name="trials">The trials, at least 1.</param>
    /// <param name="seed">The seed: the same seed gives the same orders.</param>
    public static IReadOnlyList<IReadOnlyList<int>> Orders(int cases, int trials, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cases);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        var random = new Random(seed);
        var orders = new List<IReadOnlyList<int>>(trials);
        for (int t = 0; t < trials; t++)
        {
            int[] order = [.. Enumerable.Range(0, cases)];
            random.Shuffle(order);
            orders.Add(order);
        }

        return orders;
    }

    /// <summary>A seed for a run that named none.</summary>
    public static int NewSeed() => Random.Shared.Next();
}
