namespace ConcurrencyBench.Reporting.Statistics;

/// <summary>
/// How many times larger one sample is than another (a speedup is baseline time / this time): the Hodges-Lehmann
/// estimate of the ratio (the median of every pairwise ratio x_i / y_j) with its distribution-free confidence
/// interval (Bauer, 1972; the ratio form of the Moses interval for a shift).
/// </summary>
/// <remarks>
/// Written here because Perfolizer 0.6 has the estimate but no interval for it. The interval is the one that inverts
/// the Mann-Whitney test the verdicts use (<see cref="SeparationTest"/>): the pairwise log-ratios are sorted and the
/// interval runs from the k-th smallest to the k-th largest, where k is the largest rank with P(U &lt; k) &lt;= alpha / 2
/// under Mann-Whitney's null distribution (<see cref="MannWhitneyDistribution"/>). With too
/// few samples no k exists and the estimate has no interval. Timings are positive, so ratios are taken on a log
/// scale and the interval is symmetric in which sample is on top.
/// </remarks>
public static class RatioEstimator
{
    /// <summary>The ratio x / y with its interval at <paramref name="confidenceLevel"/>.</summary>
    /// <param name="x">The numerator's sample (positive values).</param>
    /// <param name="y">The denominator's sample (positive values).</param>
    /// <param name="confidenceLevel">For example 0.99.</param>
    public static Estimate Ratio(IReadOnlyList<double> x, IReadOnlyList<double> y, double confidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfZero(x.Count, nameof(x));
        ArgumentOutOfRangeException.ThrowIfZero(y.Count, nameof(y));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(confidenceLevel, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(confidenceLevel, 1);
        if (x.Any(v => !(v > 0)) || y.Any(v => !(v > 0)))
        {
            throw new ArgumentException("ratios need positive values.");
        }

        int n = x.Count, m = y.Count;
        var logRatios = new double[n * m];
        int i = 0;
        foreach (double xi in x)
        {
            double lx = Math.Log(xi);
            foreach (double yj in y)
            {
                logRatios[i++] = lx - Math.Log(yj);
            }
        }

        Array.Sort(logRatios);
        double estimate = Math.Exp(MedianOfSorted(logRatios));
        int k = LowerRank(n, m, 1 - confidenceLevel);
        return k == 0
            ? new Estimate(estimate, null, null)
            : new Estimate(estimate, Math.Exp(logRatios[k - 1]), Math.Exp(logRatios[(n * m) - k]));
    }

    /// <summary>
    /// The rank k (1-based) of the interval's lower end among the n * m sorted pairwise differences: the largest k with
    /// P(U &lt; k) &lt;= alpha / 2; 0 when even k = 1 is too likely (too few samples for an interval).
    /// </summary>
    /// <param name="n">The size of the first sample.</param>
    /// <param name="m">The size of the second sample.</param>
    /// <param name="alpha">One minus the confidence level.</param>
    public static int LowerRank(int n, int m, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        int k = 0;
        // P(U < k + 1) = P(U <= k) grows with k; U is symmetric around n * m / 2, so k never passes the middle.
        while (k < (n * m) / 2 && MannWhitneyDistribution.Cdf(n, m, k) <= alpha / 2)
        {
            k++;
        }

        return k;
    }

    internal static double MedianOfSorted(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
