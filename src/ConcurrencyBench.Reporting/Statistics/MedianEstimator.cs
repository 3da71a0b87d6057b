namespace ConcurrencyBench.Reporting.Statistics;

/// <summary>
/// The median of one sample with its distribution-free confidence interval from order statistics: the interval runs
/// from the k-th smallest to the k-th largest value, k being the largest rank with P(B &lt; k) &lt;= alpha / 2 for
/// B ~ Binomial(n, 1/2).
/// </summary>
/// <remarks>
/// Written here because Perfolizer 0.6 exposes no order-statistic interval for the median; this is the textbook one
/// (for example Conover, Practical Nonparametric Statistics, 3.2), checked in the tests against tabulated ranks.
/// It assumes nothing about the distribution, which matters for timings with stalls in them.
/// </remarks>
public static class MedianEstimator
{
    /// <summary>The median of <paramref name="sample"/> with its interval at <paramref name="confidenceLevel"/>.</summary>
    /// <param name="sample">The values.</param>
    /// <param name="confidenceLevel">For example 0.99.</param>
    public static Estimate Median(IReadOnlyList<double> sample, double confidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentOutOfRangeException.ThrowIfZero(sample.Count, nameof(sample));
        double[] sorted = [.. sample.Order()];
        int k = LowerRank(sorted.Length, 1 - confidenceLevel);
        double median = RatioEstimator.MedianOfSorted(sorted);
        return k == 0 ? new Estimate(median, null, null) : new Estimate(median, sorted[k - 1], sorted[^k]);
    }

    /// <summary>The largest k (1-based) with P(B &lt; k) &lt;= alpha / 2 for B ~ Binomial(n, 1/2); 0 when none.</summary>
    /// <param name="n">The sample size.</param>
    /// <param name="alpha">One minus the confidence level.</param>
    public static int LowerRank(int n, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        double probability = Math.Pow(0.5, n); // P(B = 0)
        double below = 0; // P(B < k)
        int k = 0;
        while (k < (n + 1) / 2 && below + probability <= alpha / 2)
        {
            below += probability;
            probability *= (double)(n - k) / (k + 1);
            k++;
        }

        return k;
    }
}
