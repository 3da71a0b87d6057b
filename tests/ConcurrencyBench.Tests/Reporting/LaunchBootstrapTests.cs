using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Tests.Reporting;

/// <summary>Rows of several launches: the launch as the unit, on fixed inputs with known answers.</summary>
public sealed class LaunchBootstrapTests
{
    [Fact]
    public void Interval_OfTwoLaunchesOfConstantSamples_IsTheRangeOfTheLaunchMedians()
    {
        // Launch A: ten samples of 100; launch B: ten of 44. A resample draws AA (100), AB or BA (72) or BB (44), a
        // quarter, a half and a quarter of the time: the estimate is the mean of the launch medians, 72, and the 99%
        // interval runs from 44 to 100. Pooling the samples as one launch would give 72 with an interval of [44, 100]
        // only by luck of the constants; with any noise inside the launches it shrinks to the pooled median's.
        var bootstrap = new LaunchBootstrap([Enumerable.Repeat(100.0, 10).ToArray(), Enumerable.Repeat(44.0, 10).ToArray()], "row");

        Estimate time = bootstrap.Interval(0.99);

        Assert.Equal(72, time.Value, 10);
        Assert.Equal(44, time.Lower!.Value, 10);
        Assert.Equal(100, time.Upper!.Value, 10);
        Assert.Equal([100.0, 44.0], bootstrap.LaunchMedians);
    }

    [Fact]
    public void Time_OfTwoLaunchesThatDisagree_CoversBothLaunchMedians_AndNamesThem()
    {
        // The shape the full reference run showed for PipeEcho at 1 KiB: launch medians of about 100.7 and 44.0 µs.
        MeasuredBenchmark row = TwoLaunches("PipeEcho", FakeRun.Around(100_700, 15, 0.05), FakeRun.Around(44_000, 15, 0.05));
        var settings = StatisticsSettings.Default;

        Estimate launchLevel = RowStatistics.Time(row, settings);

        Assert.True(launchLevel.Lower <= 44_000 * 1.05 && launchLevel.Upper >= 100_700 * 0.95, $"launch-level {launchLevel}");
        Assert.Equal([100_700.0, 44_000.0], RowStatistics.DisagreeingLaunches(row, settings)!.Select(v => Math.Round(v)));
    }

    [Fact]
    public void DisagreeingLaunches_OfLaunchesFromOneDistribution_IsNull()
    {
        double[] a = FakeRun.Around(100, 20, 0.05);
        MeasuredBenchmark row = TwoLaunches("Row", a, [.. a.Reverse().Select(v => v * 1.0001)]);

        Assert.Null(RowStatistics.DisagreeingLaunches(row, StatisticsSettings.Default));
        Assert.Null(RowStatistics.DisagreeingLaunches(new MeasuredBenchmark("One", "T", "M", a, 100, null), StatisticsSettings.Default));
    }

    [Fact]
    public void Compare_TwoLaunchRows_VerdictAgreesWithTheIntervalAndIsReproducible()
    {
        var settings = StatisticsSettings.Default;
        var random = new Random(7);
        int separated = 0;
        for (int trial = 0; trial < 60; trial++)
        {
            double shift = Math.Exp((random.NextDouble() - 0.5) * 0.6);
            double between = random.NextDouble() * 0.2;
            MeasuredBenchmark reference = TwoLaunches($"ref{trial}", Noisy(random, 100, 12), Noisy(random, 100 * Math.Exp(between), 12));
            MeasuredBenchmark candidate = TwoLaunches($"cand{trial}", Noisy(random, 100 * shift, 12), Noisy(random, 100 * shift * Math.Exp(between), 12));

            TimeRatio versus = RowStatistics.Compare(candidate, reference, settings);

            Assert.Equal(versus.Speedup.Lower > 1.05, versus.Verdict == Separation.Faster);
            Assert.Equal(versus.Speedup.Upper < 1 / 1.05, versus.Verdict == Separation.Slower);
            Assert.Equal(versus, RowStatistics.Compare(candidate with { }, reference with { }, settings));
            separated += versus.Verdict is Separation.Faster or Separation.Slower ? 1 : 0;
        }

        Assert.InRange(separated, 5, 55);
    }

    [Fact]
    public void Compare_TrialsThatMoveBothRowsTogether_AreResampledTrialByTrial()
    {
        // Three trials; the machine is 30% slower in trial 2 for both rows; the candidate is 20% faster in each trial.
        // Paired, every resample's ratio is 0.8 (up to the noise inside a trial): the interval is narrow and the verdict
        // Faster. Unpaired, a resample could set a slow trial of one row against a fast trial of the other.
        double[] slow = [1.0, 1.3, 1.0];
        var random = new Random(3);
        MeasuredBenchmark reference = Trials("ref", slow.Select(f => Noisy(random, 100 * f, 10)).ToArray());
        MeasuredBenchmark candidate = Trials("cand", slow.Select(f => Noisy(random, 80 * f, 10)).ToArray());

        TimeRatio versus = RowStatistics.Compare(candidate, reference, StatisticsSettings.Default);

        Assert.Equal(Separation.Faster, versus.Verdict);
        Assert.InRange(versus.Ratio.Lower!.Value, 0.76, 0.8);
        Assert.InRange(versus.Ratio.Upper!.Value, 0.8, 0.84);

        // The same launches read as unrelated moments: a slow trial of one row meets a fast one of the other.
        TimeRatio unpaired = RowStatistics.Compare(candidate with { LaunchesAreTrials = false }, reference with { LaunchesAreTrials = false }, StatisticsSettings.Default);
        Assert.True(unpaired.Ratio.Upper - unpaired.Ratio.Lower > 2 * (versus.Ratio.Upper - versus.Ratio.Lower), $"paired {versus.Ratio}, unpaired {unpaired.Ratio}");
    }

    [Fact]
    public void Compare_TwoTrialsOfOneSampleEach_AreTooFewForAVerdictOrAnInterval()
    {
        // Four equally likely resamples: no 99% interval can be read from them, whatever the difference.
        MeasuredBenchmark reference = Trials("ref", [[100.0], [101.0]]);
        MeasuredBenchmark candidate = Trials("cand", [[50.0], [51.0]]);

        Assert.Equal(Separation.TooFewSamples, RowStatistics.Compare(candidate, reference, StatisticsSettings.Default).Verdict);
        Assert.False(RowStatistics.Time(reference, StatisticsSettings.Default).HasInterval);
        Assert.True(new LaunchBootstrap([[1.0, 2, 3], [1.0, 2, 3]], "x").CanDecide(0.01)); // 2^2 * 27^2 = 2,916 ways
    }

    [Fact]
    public void Compare_OneLaunchRows_UsesTheExactTest()
    {
        double[] reference = [100, 101, 102, 103, 104];
        double[] slower = [120, 121, 122, 123, 124];

        TimeRatio versus = RowStatistics.Compare(new MeasuredBenchmark("a", "T", "A", slower, 122, null), new MeasuredBenchmark("b", "T", "B", reference, 102, null), StatisticsSettings.Default);

        Assert.Equal(Separation.Slower, versus.Verdict);
        Assert.Equal(RatioEstimator.Ratio(slower, reference, 0.99), versus.Ratio);
    }

    private static double[] Noisy(Random random, double center, int n) =>
        [.. Enumerable.Range(0, n).Select(_ => center * Math.Exp(0.03 * MannWhitneyTests.Normal(random)))];

    private static MeasuredBenchmark Trials(string id, double[][] trials) =>
        new(id, "T", id, [.. trials.SelectMany(t => t)], trials.SelectMany(t => t).Average(), null, [.. trials.SelectMany((t, i) => t.Select(_ => i + 1))], LaunchesAreTrials: true);

    private static MeasuredBenchmark TwoLaunches(string id, double[] first, double[] second) =>
        new(id, "T", id, [.. first, .. second], first.Concat(second).Average(), null, [.. first.Select(_ => 1), .. second.Select(_ => 2)]);
}
