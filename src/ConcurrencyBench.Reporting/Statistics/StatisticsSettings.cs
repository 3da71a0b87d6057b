using System.Globalization;

namespace ConcurrencyBench.Reporting.Statistics;

/// <summary>The significance level, confidence level and threshold every verdict of a report uses.</summary>
/// <param name="SignificanceLevel">The significance level of each one-sided test (alpha).</param>
/// <param name="ThresholdPercent">The smallest difference, in percent, that counts as faster or slower.</param>
public sealed record StatisticsSettings(double SignificanceLevel, double ThresholdPercent)
{
    /// <summary>The suite's default: alpha = 0.01, intervals at 99%, differences under 5% do not count.</summary>
    public static StatisticsSettings Default { get; } = new(0.01, 5);

    /// <summary>Gets the confidence level of every interval: 1 - alpha.</summary>
    public double ConfidenceLevel => 1 - SignificanceLevel;

    /// <summary>Gets the confidence level as a percentage for headers ("99%").</summary>
    public string ConfidencePercent => (ConfidenceLevel * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
