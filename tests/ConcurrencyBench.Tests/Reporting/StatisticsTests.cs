using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Tests.Reporting;

public sealed class StatisticsTests
{
    // Critical values of the two-sided Mann-Whitney test (tables, e.g. Siegel & Castellan): the interval's rank is
    // the critical U + 1.
    [Theory]
    [InlineData(10, 10, 0.05, 24)] // U = 23
    [InlineData(8, 8, 0.05, 14)] // U = 13
    [InlineData(10, 10, 0.01, 17)] // U = 16
    [InlineData(5, 5, 0.01, 1)] // U = 0
    [InlineData(3, 3, 0.01, 0)] // no U is significant: no interval
    public void RatioLowerRank_MatchesTabulatedCriticalValues(int n, int m, double alpha, int expected) =>
        Assert.Equal(expected, RatioEstimator.LowerRank(n, m, alpha));

    // Order-statistic intervals of the median (binomial tables): n = 10 at 95% is [x(2), x(9)]; n = 20, [x(6), x(15)].
    [Theory]
    [InlineData(10, 0.05, 2)]
    [InlineData(20, 0.05, 6)]
    [InlineData(8, 0.01, 1)]
    [InlineData(6, 0.01, 0)]
    public void MedianLowerRank_MatchesBinomialTables(int n, double alpha, int expected) =>
        Assert.Equal(expected, MedianEstimator.LowerRank(n, alpha));

    [Fact]
    public void Ratio_OfASampleAndItsHalf_IsTwoWithinItsInterval()
    {
        double[] y = FakeRun.Around(100, 12, 0.05);
        double[] x = [.. y.Select(v => v * 2)];

        Estimate ratio = RatioEstimator.Ratio(x, y, 0.99);

        Assert.Equal(2, ratio.Value, 10);
        Assert.True(ratio.Lower < 2 && ratio.Upper > 2);
        Assert.True(ratio.Lower > 1.7 && ratio.Upper < 2.3);
    }

    [Fact]
    public void Ratio_IsTheMedianOfThePairwiseRatiosOnALogScale()
    {
        // Pairwise ratios 2 and 4: their median on a log scale is the geometric mean, √8.
        Estimate ratio = RatioEstimator.Ratio([2.0, 4.0], [1.0], 0.99);

        Assert.Equal(Math.Sqrt(8), ratio.Value, 10);
        Assert.False(ratio.HasInterval);
    }

    [Fact]
    public void Median_OfTwentyValues_HasTheTabulatedOrderStatisticsAsBounds()
    {
        double[] sample = [.. Enumerable.Range(1, 20).Select(i => (double)i)];

        Estimate median = MedianEstimator.Median(sample.Reverse().ToArray(), 0.95);

        Assert.Equal(10.5, median.Value);
        Assert.Equal(6, median.Lower);
        Assert.Equal(15, median.Upper);
    }

    [Fact]
    public void Compare_ClearlyFasterAndSlowerSamples_AreSeparated()
    {
        double[] baseline = FakeRun.Around(100);
        double[] fast = FakeRun.Around(50);

        Assert.Equal(Separation.Faster, SeparationTest.Compare(fast, baseline, StatisticsSettings.Default));
        Assert.Equal(Separation.Slower, SeparationTest.Compare(baseline, fast, StatisticsSettings.Default));
    }

    [Fact]
    public void Compare_DifferenceUnderTheThreshold_IsNotSeparated()
    {
        double[] baseline = FakeRun.Around(100, 10, 0.02);
        double[] close = FakeRun.Around(102, 10, 0.02);

        Assert.Equal(Separation.NotSeparated, SeparationTest.Compare(close, baseline, StatisticsSettings.Default));
    }

    [Fact]
    public void Compare_TooFewSamplesToReachTheLevel_SaysSoEvenForAHugeDifference()
    {
        Assert.Equal(Separation.TooFewSamples, SeparationTest.Compare([1.0], [100.0], StatisticsSettings.Default));
        Assert.Equal(Separation.TooFewSamples, SeparationTest.Compare([1.0, 1.1, 1.2], [100.0, 101, 102], StatisticsSettings.Default));
    }

    [Theory]
    [InlineData(2, 2, 0.01, false)] // the smallest one-sided p-value is 1 / C(4, 2) = 0.17
    [InlineData(3, 3, 0.01, false)] // 1 / 20 = 0.05
    [InlineData(4, 4, 0.01, false)] // 1 / 70 = 0.014
    [InlineData(4, 5, 0.01, false)] // 1 / 126 = 0.008, above the 0.005 of each one-sided test
    [InlineData(4, 6, 0.01, true)] // 1 / 210 = 0.0048
    [InlineData(5, 5, 0.01, true)] // 1 / 252 = 0.004
    [InlineData(8, 1, 0.01, false)] // one sample cannot be tested
    public void CanDecide_NeedsTheSmallestPValueUnderAlpha(int n, int m, double alpha, bool expected) =>
        Assert.Equal(expected, SeparationTest.CanDecide(n, m, alpha));

    [Fact]
    public void ScheduleBounds_ListOrderAndLargestFirst_OnAWorkedExample()
    {
        double[] costs = [2, 2, 3, 3, 2];

        // List order on 2 workers: {2, 3, 2} and {2, 3}: makespan 7 of 12.
        Assert.Equal(12.0 / 7, ScheduleBounds.ListOrder(costs, 2), 10);
        // Largest first: {3, 2, 2} and {3, 2}: makespan 7 again (the optimum, 6, is not greedy).
        Assert.Equal(12.0 / 7, ScheduleBounds.LargestFirst(costs, 2), 10);
        Assert.Equal(2, ScheduleBounds.Ideal(costs, 2), 10);
        // One item of 10 among 12: no schedule beats its length.
        Assert.Equal(1.2, ScheduleBounds.Ideal([10, 1, 1], 2), 10);
        Assert.Equal(1, ScheduleBounds.ListOrder(costs, 1), 10);
    }

    [Fact]
    public void ScheduleBounds_LargestFirstBeatsListOrder_WhenTheLargestItemComesLast()
    {
        double[] costs = [1, 1, 1, 1, 4];

        Assert.Equal(8.0 / 6, ScheduleBounds.ListOrder(costs, 2), 10);
        Assert.Equal(2, ScheduleBounds.LargestFirst(costs, 2), 10);
    }
}
