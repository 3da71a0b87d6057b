using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Tests.Reporting;

/// <summary>
/// The trial-level interval (issue 23): a moderated t interval on the trials' log values, with an empirical-Bayes prior
/// fitted to the class's rows. Fixed inputs with known answers, the prior recovered from simulated rows, and coverage.
/// </summary>
public sealed class TrialEstimateTests
{
    [Fact]
    public void Polygamma_MatchesKnownValues_AndTheInverseUndoesTheTrigamma()
    {
        Assert.Equal(-0.5772156649015329, Polygamma.Digamma(1), 10);
        Assert.Equal(-0.5772156649015329 - (2 * Math.Log(2)), Polygamma.Digamma(0.5), 10);
        Assert.Equal(Math.PI * Math.PI / 6, Polygamma.Trigamma(1), 10);
        Assert.Equal((Math.PI * Math.PI / 2) - 4, Polygamma.Trigamma(1.5), 10);
        foreach (double x in new[] { 0.05, 0.5, 1, 2.36, 10, 400 })
        {
            Assert.Equal(x, Polygamma.TrigammaInverse(Polygamma.Trigamma(x)), x * 1e-8);
        }
    }

    [Fact]
    public void Level_WithoutAPrior_IsStudentsTIntervalOnTheLogs_WithTheRunLevelTerm()
    {
        // Logs 0, 0.1, -0.1: mean 0, variance 0.01, two degrees of freedom; t(0.995, 2) = 9.924843; the run-level
        // deviation (0.005) added to the mean's variance.
        Estimate level = TrialEstimate.Level([1, Math.Exp(0.1), Math.Exp(-0.1)], TrialVariancePrior.None, 0.99);

        double halfWidth = 9.924843160184142 * Math.Sqrt((0.01 / 3) + (0.005 * 0.005));
        Assert.Equal(1, level.Value, 12);
        Assert.Equal(Math.Exp(-halfWidth), level.Lower!.Value, 9);
        Assert.Equal(Math.Exp(halfWidth), level.Upper!.Value, 9);
    }

    [Fact]
    public void Level_WithAPrior_ModeratesTheVariance_AndAddsItsDegreesOfFreedom()
    {
        // Prior s0^2 = 0.0025 with d0 = 4, the row's own 0.01 with 2: (4 * 0.0025 + 2 * 0.01) / 6 = 0.005, six degrees
        // of freedom; t(0.995, 6) = 3.707428.
        Estimate level = TrialEstimate.Level([1, Math.Exp(0.1), Math.Exp(-0.1)], new TrialVariancePrior(0.0025, 4), 0.99);

        double halfWidth = 3.707428021324907 * Math.Sqrt((0.005 / 3) + (0.005 * 0.005));
        Assert.Equal(Math.Exp(-halfWidth), level.Lower!.Value, 6);
        Assert.Equal(Math.Exp(halfWidth), level.Upper!.Value, 6);
    }

    [Fact]
    public void Ratio_IsTakenTrialByTrial_SoTheMachinesDriftBetweenTrialsCancels()
    {
        // The machine is 30% slower in trial 2 and both rows with it; the candidate is 1.2 times the reference in each.
        double[] reference = [100, 130, 101];
        double[] candidate = [120, 156, 121.2];

        (Estimate ratio, Separation verdict) = TrialEstimate.Ratio(candidate, reference, TrialVariancePrior.None, StatisticsSettings.Default);

        // Only the run-level term is left of the interval: what no run can see from inside.
        double runLevel = 9.924843160184142 * TrialEstimate.RunLevelDeviation;
        Assert.Equal(1.2, ratio.Value, 9);
        Assert.Equal(1.2 * Math.Exp(-runLevel), ratio.Lower!.Value, 6);
        Assert.Equal(1.2 * Math.Exp(runLevel), ratio.Upper!.Value, 6);
        Assert.Equal(Separation.Slower, verdict);
        Assert.Equal(Separation.Faster, TrialEstimate.Ratio(reference, candidate, TrialVariancePrior.None, StatisticsSettings.Default).Verdict);
    }

    [Fact]
    public void Level_OfTrialsThatAgreeExactly_KeepsTheRunLevelWidth()
    {
        // Three equal trials say nothing of the next run: the interval is the run-level term alone, t(0.995, 2) times
        // 0.005 either side on the log scale (about 5% here, where the trials give no degrees of freedom beyond two).
        Estimate level = TrialEstimate.Level([5, 5, 5], TrialVariancePrior.None, 0.99);

        Assert.Equal(5, level.Value, 12);
        Assert.Equal(5 * Math.Exp(-9.924843160184142 * 0.005), level.Lower!.Value, 9);
        Assert.Equal(5 * Math.Exp(9.924843160184142 * 0.005), level.Upper!.Value, 9);
    }

    [Fact]
    public void Ratio_WithinTheThreshold_OrTooUncertain_IsNotSeparated()
    {
        Assert.Equal(Separation.NotSeparated, TrialEstimate.Ratio([103, 103.2, 102.9], [100, 100, 100], TrialVariancePrior.None, StatisticsSettings.Default).Verdict);
        Assert.Equal(Separation.NotSeparated, TrialEstimate.Ratio([130, 100, 160], [100, 100, 100], TrialVariancePrior.None, StatisticsSettings.Default).Verdict);
    }

    [Fact]
    public void Fit_RecoversAKnownPrior_FromSimulatedRows()
    {
        // 3,000 rows of three trials; each row's variance drawn from the prior (1 / sigma^2 ~ chi2_d0 / (d0 s0^2)) with
        // d0 = 6 and s0^2 = 0.0004 (a 2% standard deviation).
        var random = new Random(23);
        IReadOnlyList<double>[] rows = [.. Enumerable.Range(0, 3000).Select(_ => (IReadOnlyList<double>)Trials(random, 3, Math.Sqrt(0.0004 * 6 / ChiSquared(random, 6))))];

        TrialVariancePrior prior = TrialVariancePrior.Fit(rows);

        Assert.InRange(prior.DegreesOfFreedom, 4.5, 8);
        Assert.InRange(prior.Variance, 0.0004 * 0.9, 0.0004 * 1.1);
    }

    [Fact]
    public void Fit_OfRowsThatVaryAlike_GivesAnInfiniteWeight_AndOfTooFewRows_None()
    {
        var random = new Random(5);
        IReadOnlyList<double>[] alike = [.. Enumerable.Range(0, 500).Select(_ => (IReadOnlyList<double>)Trials(random, 3, 0.02))];

        TrialVariancePrior prior = TrialVariancePrior.Fit(alike);

        Assert.True(prior.DegreesOfFreedom > 50, $"d0 = {prior.DegreesOfFreedom}");
        Assert.InRange(prior.Variance, 0.0004 * 0.85, 0.0004 * 1.15);
        Assert.Equal(TrialVariancePrior.None, TrialVariancePrior.Fit([[0.1, 0.2, 0.3]]));
        Assert.Equal(TrialVariancePrior.None, TrialVariancePrior.Fit([[0.1], [0.2]]));
    }

    [Fact]
    public void Fit_OfARowWhoseTrialsAgreeExactly_IsNotPulledToZero()
    {
        var random = new Random(9);
        var rows = Enumerable.Range(0, 20).Select(_ => (IReadOnlyList<double>)Trials(random, 3, 0.02)).ToList();
        rows.Add([0.5, 0.5, 0.5]);

        Assert.True(TrialVariancePrior.Fit(rows).Variance > TrialVariancePrior.VarianceFloor);
    }

    [Fact]
    public void Intervals_OfSimulatedClasses_CoverTheTruthAtAboutTheirLevel()
    {
        // 400 classes of 12 rows, three trials each, every row with its own noise drawn from one prior: the 99% moderated
        // intervals cover each row's true value in about 99% of the rows (a t interval on three trials alone would too,
        // at about three times the width; the bootstrap of three trials covered far less).
        var random = new Random(2026);
        int covered = 0, total = 0;
        double widthModerated = 0, widthAlone = 0;
        for (int c = 0; c < 400; c++)
        {
            double[] truths = [.. Enumerable.Range(0, 12).Select(_ => random.NextDouble())];
            IReadOnlyList<double>[] rows = [.. truths.Select(t => (IReadOnlyList<double>)Trials(random, 3, Math.Sqrt(0.0009 * 4 / ChiSquared(random, 4)), t))];
            TrialVariancePrior prior = TrialVariancePrior.Fit(rows);
            for (int r = 0; r < rows.Length; r++)
            {
                Estimate level = TrialEstimate.Level([.. rows[r].Select(Math.Exp)], prior, 0.99);
                Estimate alone = TrialEstimate.Level([.. rows[r].Select(Math.Exp)], TrialVariancePrior.None, 0.99);
                total++;
                covered += Math.Log(level.Lower!.Value) <= truths[r] && truths[r] <= Math.Log(level.Upper!.Value) ? 1 : 0;
                widthModerated += Math.Log(level.Upper!.Value / level.Lower!.Value);
                widthAlone += Math.Log(alone.Upper!.Value / alone.Lower!.Value);
            }
        }

        Assert.InRange((double)covered / total, 0.975, 1.0);
        Assert.True(widthModerated < widthAlone / 2, $"moderated {widthModerated / total:0.000}, alone {widthAlone / total:0.000}");
    }

    [Fact]
    public void RunAnalysis_OfATrialRun_UsesTheTrialInterval_AndCompareOutsideOne_TheBootstrap()
    {
        MeasuredBenchmark reference = Trial("Sequential", [1000, 1300, 1010]);
        MeasuredBenchmark candidate = Trial("Parallel", [500, 650, 505]);
        var noise = new TrialNoise(TrialVariancePrior.None, TrialVariancePrior.None);

        TimeRatio inRun = RowStatistics.Compare(candidate with { Noise = noise }, reference with { Noise = noise }, StatisticsSettings.Default);
        TimeRatio outside = RowStatistics.Compare(candidate, reference, StatisticsSettings.Default);

        Assert.Equal(0.5, inRun.Ratio.Value, 6);
        Assert.Equal(0.5 * Math.Exp(-9.924843160184142 * TrialEstimate.RunLevelDeviation), inRun.Ratio.Lower!.Value, 3);
        Assert.Equal(Separation.Faster, inRun.Verdict);
        Assert.Equal(TrialEstimate.Level(candidate.LaunchMedians, TrialVariancePrior.None, 0.99), RowStatistics.Time(candidate with { Noise = noise }, StatisticsSettings.Default));
        Assert.NotEqual(inRun.Ratio, outside.Ratio);
    }

    private static MeasuredBenchmark Trial(string method, double[] medians)
    {
        double[] samples = [.. medians.SelectMany(m => new[] { m * 0.99, m, m * 1.01 })];
        int[] launches = [.. Enumerable.Range(0, medians.Length).SelectMany(l => new[] { l + 1, l + 1, l + 1 })];
        return new MeasuredBenchmark($"T.{method}", "T", method, samples, samples.Average(), null, launches, LaunchesAreTrials: true);
    }

    // Log values of n trials around a true log value, normal with the given standard deviation (Box-Muller).
    private static double[] Trials(Random random, int n, double sd, double truth = 0) =>
        [.. Enumerable.Range(0, n).Select(_ => truth + (sd * Normal(random)))];

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double ChiSquared(Random random, int df) => Enumerable.Range(0, df).Sum(_ => Math.Pow(Normal(random), 2));
}
