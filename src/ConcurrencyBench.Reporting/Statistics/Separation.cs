namespace ConcurrencyBench.Reporting.Statistics;

/// <summary>What the test says of one row's times against another's.</summary>
public enum Separation
{
    /// <summary>Faster by more than the threshold, at the significance level.</summary>
    Faster,

    /// <summary>Slower by more than the threshold, at the significance level.</summary>
    Slower,

    /// <summary>The test cannot tell them apart by more than the threshold: not shown equal, not shown different.</summary>
    NotSeparated,

    /// <summary>Too few samples for the test to reach the significance level at all.</summary>
    TooFewSamples,
}

/// <summary>
/// The threshold test of one launch's samples against another's: two one-sided Mann-Whitney tests of a shift on the
/// log scale, each at half the settings' significance level. Slower when the test rejects "the candidate takes at most
/// (1 + threshold) times the reference's time"; Faster when it rejects "at least 1 / (1 + threshold) times".
/// </summary>
/// <remarks>
/// Written here, not taken from Perfolizer 0.6.1 (the newest the package feed serves; BenchmarkDotNet 0.15.8 pins it):
/// its <c>SimpleEquivalenceTest</c>, marked a placeholder in its source, answers Greater or Lesser without any test
/// when the Hodges-Lehmann shift exceeds ten times the threshold, and its exact distribution overflows (see
/// <see cref="MannWhitneyDistribution"/>). Each one-sided test here is at alpha / 2, so the verdict is exactly the
/// dual of the (1 - alpha) interval of <see cref="RatioEstimator"/>: Faster when the speedup's whole interval lies
/// above 1 + threshold, Slower when it lies below 1 / (1 + threshold). One level for both, and no verdict that
/// contradicts its printed interval.
/// </remarks>
public static class SeparationTest
{
    /// <summary>Compares the times of <paramref name="candidate"/> with those of <paramref name="reference"/>.</summary>
    /// <param name="candidate">The times of the row being judged (positive).</param>
    /// <param name="reference">The times it is judged against (a baseline, or the fastest row).</param>
    /// <param name="settings">Significance level and threshold.</param>
    public static Separation Compare(IReadOnlyList<double> candidate, IReadOnlyList<double> reference, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(settings);
        if (!CanDecide(candidate.Count, reference.Count, settings.SignificanceLevel))
        {
            return Separation.TooFewSamples;
        }

        (double slower, double faster) = PValues(candidate, reference, settings.ThresholdPercent);
        double alpha = settings.SignificanceLevel / 2;
        return slower <= alpha ? Separation.Slower : faster <= alpha ? Separation.Faster : Separation.NotSeparated;
    }

    /// <summary>
    /// The one-sided p-values of "slower by more than the threshold" and "faster by more than the threshold": the
    /// exact probability, with no difference beyond the threshold, of as many pairs beyond it as the samples show.
    /// </summary>
    /// <param name="candidate">The times of the row being judged (positive).</param>
    /// <param name="reference">The times it is judged against (positive).</param>
    /// <param name="thresholdPercent">The smallest difference that counts, in percent.</param>
    public static (double Slower, double Faster) PValues(IReadOnlyList<double> candidate, IReadOnlyList<double> reference, double thresholdPercent)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentOutOfRangeException.ThrowIfNegative(thresholdPercent);
        if (candidate.Count == 0 || reference.Count == 0 || candidate.Concat(reference).Any(v => !(v > 0)))
        {
            throw new ArgumentException("the test needs positive times on both sides.");
        }

        double shift = Math.Log(1 + (thresholdPercent / 100));
        double[] logReference = [.. reference.Select(v => Math.Log(v))];
        double above = 0, below = 0; // pairs beyond the threshold each way, ties at it counted half
        foreach (double c in candidate)
        {
            double lc = Math.Log(c);
            foreach (double lr in logReference)
            {
                double d = lc - lr;
                above += d > shift ? 1 : d == shift ? 0.5 : 0;
                below += d < -shift ? 1 : d == -shift ? 0.5 : 0;
            }
        }

        int n = candidate.Count, m = reference.Count;
        return (MannWhitneyDistribution.UpperTail(n, m, above), MannWhitneyDistribution.UpperTail(n, m, below));
    }

    /// <summary>
    /// Whether samples of these sizes can separate at all: the smallest one-sided p-value, 1 / C(n + m, n), must be
    /// at most alpha / 2, the level of each one-sided test.
    /// </summary>
    /// <param name="n">The size of one sample.</param>
    /// <param name="m">The size of the other.</param>
    /// <param name="alpha">The significance level.</param>
    public static bool CanDecide(int n, int m, double alpha)
    {
        if (n < 2 || m < 2)
        {
            return false;
        }

        // log C(n + m, n) without overflow.
        double logCombinations = 0;
        for (int i = 1; i <= n; i++)
        {
            logCombinations += Math.Log(m + i) - Math.Log(i);
        }

        return -logCombinations <= Math.Log(alpha / 2);
    }

    /// <summary>The word a report prints for a separation.</summary>
    /// <param name="separation">The separation.</param>
    public static string Describe(Separation separation) => separation switch
    {
        Separation.Faster => "Faster",
        Separation.Slower => "Slower",
        Separation.NotSeparated => "not separated",
        _ => "too few samples",
    };
}
