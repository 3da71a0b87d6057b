using System.Runtime.CompilerServices;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis;

/// <summary>
/// How every report estimates a row's time and compares two rows, in one place. A row of one launch: the median with
/// its order-statistic interval, the Hodges-Lehmann ratio with its Mann-Whitney interval and the exact threshold test
/// (<see cref="SeparationTest"/>). A row of a trial run, read by its run's analysis: the trial is the unit, and the interval a
/// moderated t interval with its class's prior (<see cref="TrialEstimate"/>). Other rows of several launches: the launch is
/// the unit (<see cref="LaunchBootstrap"/>).
/// Either way the verdict is read at the interval's own level, so the two never contradict each other.
/// </summary>
public static class RowStatistics
{
    private static readonly ConditionalWeakTable<MeasuredBenchmark, LaunchBootstrap> s_bootstraps = [];

    /// <summary>The row's time per operation in nanoseconds, with its interval.</summary>
    /// <param name="row">The row's measurements.</param>
    /// <param name="settings">The confidence level.</param>
    public static Estimate Time(MeasuredBenchmark row, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(settings);
        if (IsTrialRow(row))
        {
            return TrialEstimate.Level(row.LaunchMedians, row.Noise!.Time, settings.ConfidenceLevel);
        }

        return row.LaunchCount > 1 ? Bootstrap(row).Interval(settings.ConfidenceLevel) : MedianEstimator.Median(row.Samples, settings.ConfidenceLevel);
    }

    /// <summary>The candidate's time over the reference's (above 1: slower), with its interval, and the verdict at the same level.</summary>
    /// <param name="candidate">The row judged.</param>
    /// <param name="reference">The row it is judged against.</param>
    /// <param name="settings">Significance level and threshold.</param>
    public static TimeRatio Compare(MeasuredBenchmark candidate, MeasuredBenchmark reference, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(settings);
        if (candidate.LaunchCount == 1 && reference.LaunchCount == 1)
        {
            return new TimeRatio(
                RatioEstimator.Ratio(candidate.Samples, reference.Samples, settings.ConfidenceLevel),
                SeparationTest.Compare(candidate.Samples, reference.Samples, settings));
        }

        if (IsTrialRow(candidate) && IsTrialRow(reference) && candidate.LaunchCount == reference.LaunchCount)
        {
            (Estimate trialRatio, Separation trialVerdict) = TrialEstimate.Ratio(candidate.LaunchMedians, reference.LaunchMedians, candidate.Noise!.Ratio, settings);
            return new TimeRatio(trialRatio, trialVerdict);
        }

        if (!Bootstrap(candidate).CanDecide(settings.SignificanceLevel) || !Bootstrap(reference).CanDecide(settings.SignificanceLevel))
        {
            return new TimeRatio(new Estimate(Bootstrap(candidate).Estimate / Bootstrap(reference).Estimate, null, null), Separation.TooFewSamples);
        }

        (Estimate ratio, Separation verdict) = LaunchBootstrap.Compare(Bootstrap(candidate), Bootstrap(reference), settings);
        return new TimeRatio(ratio, verdict);
    }

    /// <summary>The comparison of two measured rows (see <see cref="Compare(MeasuredBenchmark, MeasuredBenchmark, StatisticsSettings)"/>).</summary>
    /// <param name="candidate">The row judged (measured).</param>
    /// <param name="reference">The row it is judged against (measured).</param>
    /// <param name="settings">Significance level and threshold.</param>
    public static TimeRatio Compare(RowResult candidate, RowResult reference, StatisticsSettings settings) =>
        Compare(
            (candidate ?? throw new ArgumentNullException(nameof(candidate))).Measured ?? throw new ArgumentException("the row was not measured.", nameof(candidate)),
            (reference ?? throw new ArgumentNullException(nameof(reference))).Measured ?? throw new ArgumentException("the row was not measured.", nameof(reference)),
            settings);

    /// <summary>
    /// The medians of the row's launches when two of them differ by more than the threshold (the threshold test
    /// between each pair of launches, at the significance level shared out over the pairs); null when the row has one
    /// launch, or the test separates none of its launches.
    /// </summary>
    /// <param name="row">The row's measurements.</param>
    /// <param name="settings">Significance level and threshold.</param>
    public static IReadOnlyList<double>? DisagreeingLaunches(MeasuredBenchmark row, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(settings);
        IReadOnlyList<IReadOnlyList<double>> launches = row.Launches;
        if (launches.Count < 2)
        {
            return null;
        }

        var perPair = settings with { SignificanceLevel = settings.SignificanceLevel / (launches.Count * (launches.Count - 1) / 2) };
        for (int a = 0; a < launches.Count; a++)
        {
            for (int b = a + 1; b < launches.Count; b++)
            {
                if (SeparationTest.Compare(launches[a], launches[b], perPair) is Separation.Faster or Separation.Slower)
                {
                    return Bootstrap(row).LaunchMedians;
                }
            }
        }

        return null;
    }

    // A row of a trial run read by its run's analysis (which knows its class's noise), measured in two trials or more.
    private static bool IsTrialRow(MeasuredBenchmark row) => row.LaunchesAreTrials && row.Noise is not null && row.LaunchCount >= 2;

    private static LaunchBootstrap Bootstrap(MeasuredBenchmark row) => s_bootstraps.GetValue(row, r => new LaunchBootstrap(r.Launches, r.Id, r.LaunchesAreTrials));
}

/// <summary>One row's time over another's, with its interval, and the verdict of the test at the same level.</summary>
/// <param name="Ratio">The candidate's time over the reference's: above 1 is slower.</param>
/// <param name="Verdict">Faster or Slower by more than the threshold, or not separated, or too few samples.</param>
public readonly record struct TimeRatio(Estimate Ratio, Separation Verdict)
{
    /// <summary>Gets the reference's time over the candidate's: a speedup, above 1 is faster.</summary>
    public Estimate Speedup => Ratio.Invert(1);

    /// <summary>Gets a value indicating whether the test could decide at all.</summary>
    public bool CanDecide => Verdict != Separation.TooFewSamples;
}
