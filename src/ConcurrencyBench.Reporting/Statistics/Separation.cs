using System.Globalization;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.SignificanceTesting;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;

namespace ConcurrencyBench.Reporting.Statistics;

/// <summary>What the equivalence test says of one sample of times against another.</summary>
public enum Separation
{
    /// <summary>Significantly faster, by more than the threshold.</summary>
    Faster,

    /// <summary>Significantly slower, by more than the threshold.</summary>
    Slower,

    /// <summary>The test cannot tell them apart: not shown equal, not shown different.</summary>
    NotSeparated,

    /// <summary>Too few samples for the test to reach the significance level at all.</summary>
    TooFewSamples,
}

/// <summary>
/// Decides Faster, Slower or not separated with Perfolizer's <see cref="SimpleEquivalenceTest"/> over the Mann-Whitney
/// test (what BenchmarkDotNet's statistical-test column uses): two one-sided tests at the settings' significance level,
/// with the settings' threshold as the smallest difference that counts.
/// </summary>
public static class SeparationTest
{
    private static readonly SimpleEquivalenceTest Test = new(MannWhitneyTest.Instance);

    /// <summary>Compares the times of <paramref name="candidate"/> with those of <paramref name="reference"/>.</summary>
    /// <param name="candidate">The times of the row being judged.</param>
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

        var threshold = Threshold.Parse(settings.ThresholdPercent.ToString("0.###", CultureInfo.InvariantCulture) + "%");
        ComparisonResult result = Test.Perform(new Sample([.. candidate]), new Sample([.. reference]), threshold, new SignificanceLevel(settings.SignificanceLevel));
        return result switch
        {
            ComparisonResult.Greater => Separation.Slower,
            ComparisonResult.Lesser => Separation.Faster,
            ComparisonResult.Indistinguishable => Separation.NotSeparated,
            _ => Separation.TooFewSamples,
        };
    }

    /// <summary>
    /// Whether samples of these sizes can separate at all: the smallest one-sided Mann-Whitney p-value,
    /// 1 / C(n + m, n), must be under alpha. (The equivalence test would otherwise decide large differences from
    /// one or two samples, without a test behind the decision.)
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

        return -logCombinations < Math.Log(alpha);
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
