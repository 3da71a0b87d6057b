using Perfolizer.Mathematics.Multimodality;

namespace ConcurrencyBench.Reporting.Statistics;

/// <summary>
/// Whether a row's samples form more than one group (Perfolizer's mValue, the statistic behind BenchmarkDotNet's
/// MultimodalDistribution warning) far apart. On a shared machine a group of slow samples is often a condition of the
/// machine, not of the code: on the 2-core VM some prime-check samples of the process pool take Sequential's time
/// although both workers stay busy throughout (their CPU time doubles: the cores ran at half speed). The median and its
/// interval still hold, but they describe a mix, and the reader should know.
/// </summary>
/// <remarks>
/// With the 8 to 12 samples of a quick run, the mValue alone passes 3.2 for rows whose samples differ by a few
/// percent (a histogram of ten values is coarse); only groups whose slowest sample is at least
/// <see cref="WideSpread"/> times the fastest are marked.
/// </remarks>
public static class SampleModes
{
    /// <summary>The mValue from which BenchmarkDotNet calls a distribution bimodal.</summary>
    public const double Bimodal = 3.2;

    /// <summary>The least ratio of the slowest sample to the fastest for groups to count.</summary>
    public const double WideSpread = 1.5;

    /// <summary>The fewest samples an mValue is computed from: with fewer, a histogram shows nothing.</summary>
    public const int MinimumSamples = 8;

    /// <summary>
    /// The mValue of <paramref name="samples"/> (2 for one mode, more for more), or null when there are fewer than
    /// <see cref="MinimumSamples"/> or all are equal.
    /// </summary>
    /// <param name="samples">The row's samples.</param>
    public static double? MValue(IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count < MinimumSamples || samples.Min() == samples.Max())
        {
            return null;
        }

        double value = MValueCalculator.Calculate([.. samples]);
        return value >= 2 ? value : null; // Perfolizer answers 1 when it cannot tell
    }

    /// <summary>
    /// Whether <paramref name="samples"/> form two groups or more (mValue at least <see cref="Bimodal"/>) far apart (the
    /// slowest at least <see cref="WideSpread"/> times the fastest).
    /// </summary>
    /// <param name="samples">The row's samples.</param>
    public static bool HasSeveralModes(IReadOnlyList<double> samples) => SeveralModesMValue(samples) is not null;

    /// <summary>The mValue of <paramref name="samples"/> when they form groups far apart (<see cref="HasSeveralModes"/>), else null.</summary>
    /// <param name="samples">The row's samples.</param>
    public static double? SeveralModesMValue(IReadOnlyList<double> samples) =>
        MValue(samples) is double mValue && mValue >= Bimodal && samples.Max() >= WideSpread * samples.Min() ? mValue : null;
}
