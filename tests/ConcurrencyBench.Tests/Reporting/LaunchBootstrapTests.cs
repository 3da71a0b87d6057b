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

    private static MeasuredBenchmark TwoLaunches(string id, double[] first, double[] second) =>
        new(id, "T", id, [.. first, .. second], first.Concat(second).Average(), null, [.. first.Select(_ => 1), .. second.Select(_ => 2)]);
}
