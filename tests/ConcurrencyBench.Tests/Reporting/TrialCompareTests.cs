using ConcurrencyBench.Reporting.Comparison;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Tests.Reporting;

/// <summary>compare on trial runs: trial t of one run and trial t of another ran at unrelated moments.</summary>
public sealed class TrialCompareTests
{
    [Fact]
    public void Compare_TwoTrialRuns_DoesNotPairTheirTrials()
    {
        // Both runs met the same pattern of slow and fast trials, the current one 10% slower in each: paired trial by
        // trial the ratio would be exactly 1.10 in every resample and "Slower"; across runs the pattern is a
        // coincidence, and unpaired the trials' spread (30%) keeps the two runs apart from a verdict.
        double[] pattern = [1.0, 1.3, 1.0, 1.3, 1.0];
        RunResults before = TrialRun(pattern, 1.0);
        RunResults after = TrialRun(pattern, 1.1);

        ComparedBenchmark row = Assert.Single(RunComparison.Of(before, after, StatisticsSettings.Default).Benchmarks);

        Assert.Equal(Separation.NotSeparated, row.Verdict);
        Assert.True(row.Ratio.Lower < 1 && row.Ratio.Upper > 1.2, $"ratio {row.Ratio}");
    }

    [Fact]
    public void Compare_Paired_InterleavedTrials_SeeThroughTheSharedDrift()
    {
        // Measured interleaved (base and head trial t side by side), the same slow trials hit both builds: paired trial
        // by trial the 10% slowdown stands out of a 30% drift that hides it unpaired.
        double[] pattern = [1.0, 1.3, 1.0, 1.3, 1.0];
        RunResults before = TrialRun(pattern, 1.0);
        RunResults after = TrialRun(pattern, 1.1);

        RunComparison paired = RunComparison.Of(before, after, StatisticsSettings.Default, paired: true);
        ComparedBenchmark row = Assert.Single(paired.Benchmarks);

        Assert.True(paired.IsPaired);
        Assert.Equal(Separation.Slower, row.Verdict);
        Assert.InRange(row.Ratio.Lower!.Value, 1.06, 1.10);
        Assert.InRange(row.Ratio.Upper!.Value, 1.10, 1.14);
        Assert.Equal(Separation.NotSeparated, Assert.Single(RunComparison.Of(before, after, StatisticsSettings.Default).Benchmarks).Verdict);
    }

    [Fact]
    public void Compare_Paired_RunsOfUnequalTrials_IsRefusedWithItsReason()
    {
        RunResults three = TrialRun([1.0, 1.0, 1.0], 1.0);
        RunResults five = TrialRun([1.0, 1.0, 1.0, 1.0, 1.0], 1.0);

        ResultsException refused = Assert.Throws<ResultsException>(() => RunComparison.Of(three, five, StatisticsSettings.Default, paired: true));

        Assert.Contains("without --paired", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    private static RunResults TrialRun(double[] trials, double scale)
    {
        var fake = new FakeRun()
            .Class("PrimeChecks", QuestionKind.StrategyComparison)
            .Row("PrimeChecks", "Plinq", [1.0]);
        RunRecord record = fake.Record() with { Trials = new TrialsRecord(trials.Length, 1, [.. trials.Select(_ => (IReadOnlyList<string>)[])]) };
        double[] samples = [.. trials.SelectMany(t => FakeRun.Around(100 * t * scale, 10, 0.01))];
        int[] launches = [.. trials.SelectMany((_, i) => Enumerable.Repeat(i + 1, 10))];
        string id = record.Benchmarks[0].Id;
        return RunResults.Create("/nonexistent", record, [new MeasuredBenchmark(id, "PrimeChecks", "Plinq", samples, samples.Average(), null, launches, LaunchesAreTrials: true)]);
    }
}
