using Perfolizer.Mathematics.Distributions.ContinuousDistributions;

namespace ConcurrencyBench.Reporting.Statistics;

/// <summary>
/// A figure of a trial run from its trials: each trial gives one value (a launch's median, or a row's median over its
/// reference's in the same trial), the figure is their geometric mean, and its interval is a moderated t interval on the
/// log values: the row's variance between trials moderated toward its class's prior (<see cref="TrialVariancePrior"/>),
/// with the prior's degrees of freedom added to the row's (Smyth, 2004).
/// </summary>
/// <remarks>
/// The interval covers what varies from one trial to the next (each trial is a launch at its own moment, so its median
/// carries the launch's own state and the samples' noise inside it). A ratio is taken trial by trial, so the drift of
/// the machine between trials cancels from it. What varies from one run to the next beyond that (a whole run on a slower
/// host) no run can see from inside, so the interval adds it as a known term, <see cref="RunLevelDeviation"/>, measured
/// on committed back-to-back runs of one build: without it a row whose three trials agreed to a tenth of a percent got
/// an interval a tenth of a percent wide, which the next run's estimate missed
/// (results/reference/intel-xeon-2core-linux-quick-trials-inline/run-to-run.md: 86.2% calibrated).
/// </remarks>
public static class TrialEstimate
{
    /// <summary>
    /// How much a figure moves from one run to the next beyond what its trials show, as a standard deviation on the log
    /// scale (0.5%), from committed back-to-back runs of one build (three each, scripts/run-level-deviation.py): the
    /// variance of PrimeChecks' speedups between runs, less what their trial intervals account for, gives 0.54% (median
    /// over the rows; 0.62% mean) on the VM's Intel host (results/reference/intel-xeon-2core-linux-quick-trials-inline/)
    /// and 0.84% (1.6%) on its AMD host (results/reference/amd-epyc-2core-linux-quick-trials-relay/); the smaller is
    /// taken. Over every row the excess is nil: most intervals are wider than the runs' spread, the narrow ones miss.
    /// Added to the variance of the trials' mean, so no interval is narrower than about 1.3% either side at 99%; rows
    /// with wide intervals barely change. Recomputed over those runs' own files, 0.5% brings the share of a run's
    /// intervals holding another run's estimate from 86.2% to 90.9% (Intel) and from 93.8% to 94.9% (AMD).
    /// </summary>
    public const double RunLevelDeviation = 0.005;

    /// <summary>The figure of values by trial (positive), with its interval at <paramref name="confidenceLevel"/>.</summary>
    /// <param name="values">One value per trial, at least two.</param>
    /// <param name="prior">The class's prior, or <see cref="TrialVariancePrior.None"/>.</param>
    /// <param name="confidenceLevel">For example 0.99.</param>
    public static Estimate Level(IReadOnlyList<double> values, TrialVariancePrior prior, double confidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(prior);
        if (values.Any(v => !(v > 0)))
        {
            throw new ArgumentException("the values must be positive.", nameof(values));
        }

        (double mean, double halfWidth) = LogInterval([.. values.Select(v => Math.Log(v))], prior, confidenceLevel);
        return new Estimate(Math.Exp(mean), Math.Exp(mean - halfWidth), Math.Exp(mean + halfWidth));
    }

    /// <summary>
    /// <paramref name="x"/> over <paramref name="y"/> trial by trial, with its interval, and the threshold test read from
    /// the same interval: Slower when its lower end is above 1 + threshold, Faster when its upper end is below
    /// 1 / (1 + threshold).
    /// </summary>
    /// <param name="x">The candidate's value in each trial.</param>
    /// <param name="y">The reference's value in the same trials.</param>
    /// <param name="prior">The class's prior for ratios, or <see cref="TrialVariancePrior.None"/>.</param>
    /// <param name="settings">Significance level and threshold.</param>
    public static (Estimate Ratio, Separation Verdict) Ratio(IReadOnlyList<double> x, IReadOnlyList<double> y, TrialVariancePrior prior, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(settings);
        if (x.Count != y.Count)
        {
            throw new ArgumentException("a ratio by trial needs both rows in the same trials.", nameof(y));
        }

        Estimate ratio = Level([.. x.Zip(y, (a, b) => a / b)], prior, settings.ConfidenceLevel);
        double high = 1 + (settings.ThresholdPercent / 100);
        Separation verdict = ratio.Lower > high ? Separation.Slower : ratio.Upper < 1 / high ? Separation.Faster : Separation.NotSeparated;
        return (ratio, verdict);
    }

    /// <summary>The log values of a row's trials, each row's own (for <see cref="TrialVariancePrior.Fit"/>).</summary>
    /// <param name="values">Positive values by trial.</param>
    public static IReadOnlyList<double> Logs(IEnumerable<double> values) => [.. (values ?? throw new ArgumentNullException(nameof(values))).Select(v => Math.Log(v))];

    private static (double Mean, double HalfWidth) LogInterval(double[] logs, TrialVariancePrior prior, double confidenceLevel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(logs.Length, 2, "values");
        (double variance, double df) = prior.Moderate(TrialVariancePrior.SampleVariance(logs), logs.Length - 1);
        double standardError = Math.Sqrt((variance / logs.Length) + (RunLevelDeviation * RunLevelDeviation));
        return (logs.Average(), Quantile(df, 1 - ((1 - confidenceLevel) / 2)) * standardError);
    }

    // Student's t quantile; beyond 10,000 degrees of freedom the normal's (Perfolizer's t needs a finite df).
    private static double Quantile(double df, double p) =>
        df > 10_000 ? NormalDistribution.Standard.Quantile(p) : new StudentDistribution(df).Quantile(p);
}
