using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Writing;

namespace ConcurrencyBench.Tests.Reporting;

/// <summary>The cost of a row beside its time: its figures from the launches' readings, and its table in REPORT.md.</summary>
public sealed class RowCostTests
{
    private const string Cpu = "Cpu";

    [Fact]
    public void ThreeLaunches_GiveCpuPerOperationWithAnInterval_UserShareCoresAndPeak()
    {
        // Time about 1,000 ns per operation; CPU 1,800, 2,000 and 2,200 ns per operation (90% user): two cores busy.
        var cost = new CostRecord([1620, 1800, 1980], [180, 200, 220], [3e8, 4e8, 5e8]);
        QuestionResult question = Question(new FakeRun().Class(Cpu, QuestionKind.BaselineComparison).Row(Cpu, "Pool", FakeRun.Around(1000), baseline: true, cost: cost));

        RowCost c = Assert.Single(RowCost.Of(question, 0.99));

        Assert.Equal(3, c.Launches);
        Assert.InRange(c.CpuPerOperation.Value, 1990, 2000); // the geometric mean of 1,800, 2,000 and 2,200
        Assert.True(c.CpuPerOperation.Lower < 1800 && c.CpuPerOperation.Upper > 2200, c.CpuPerOperation.ToString());
        Assert.Equal(0.9, c.UserShare, 6);
        Assert.InRange(c.CoresBusy!.Value, 1.95, 2.05);
        Assert.Equal(4e8, c.PeakResidentBytes);
    }

    [Fact]
    public void ALaunchThatReadNoTick_GivesTheMedianWithoutAnInterval()
    {
        var cost = new CostRecord([0, 100, 300], [0, 0, 0], null);
        QuestionResult question = Question(new FakeRun().Class(Cpu, QuestionKind.BaselineComparison).Row(Cpu, "Waits", FakeRun.Around(50_000_000), baseline: true, cost: cost));

        RowCost c = Assert.Single(RowCost.Of(question, 0.99));

        Assert.Equal(100, c.CpuPerOperation.Value);
        Assert.False(c.CpuPerOperation.HasInterval);
        Assert.Null(c.PeakResidentBytes);
    }

    [Fact]
    public void ALaunchOfFewTicks_GivesTheMedianWithoutAnInterval_MarkedInTheReport()
    {
        // 20,000 ns per operation over 1,000 operations: 2 ticks in the first launch, too few to enter an interval.
        var cost = new CostRecord([20_000, 30_000, 40_000], [0, 0, 0], null, [2, 300, 400]);
        RunResults run = new FakeRun().Class(Cpu, QuestionKind.BaselineComparison).Row(Cpu, "Waits", FakeRun.Around(50_000), baseline: true, cost: cost).Build();

        RowCost c = Assert.Single(RowCost.Of(RunAnalysis.Of(run).Questions[0], 0.99));

        Assert.True(c.FewTicks);
        Assert.Equal(30_000, c.CpuPerOperation.Value);
        Assert.False(c.CpuPerOperation.HasInterval);
        Assert.Contains("| ≈ 30.0 µs (no interval) |", ReportDocument.Render(RunAnalysis.Of(run)), StringComparison.Ordinal);
    }

    [Fact]
    public void RowsWithoutReadings_HaveNoCost_AndTheReportNoCostTable()
    {
        RunResults run = new FakeRun().Class(Cpu, QuestionKind.BaselineComparison).Row(Cpu, "Plain", FakeRun.Around(1000), baseline: true).Build();

        Assert.Empty(RowCost.Of(RunAnalysis.Of(run).Questions[0], 0.99));
        Assert.DoesNotContain("What each row cost", ReportDocument.Render(RunAnalysis.Of(run)), StringComparison.Ordinal);
    }

    [Fact]
    public void TheReport_GivesEachRowsCost_InAFoldedTable()
    {
        var cost = new CostRecord([1620, 1800, 1980], [180, 200, 220], [3 << 20, 4 << 20, 5 << 20]);
        RunResults run = new FakeRun().Class(Cpu, QuestionKind.BaselineComparison).Row(Cpu, "Pool", FakeRun.Around(1000), baseline: true, cost: cost).Build();

        string report = ReportDocument.Render(RunAnalysis.Of(run));

        Assert.Contains("<details><summary>What each row cost beside its time", report, StringComparison.Ordinal);
        Assert.Matches(@"\| Pool \|  \| 1\.99 \[[0-9.]+, [0-9.]+\] µs \| 90% \| 1\.99 \| 4\.0 MiB \| - \| - \| 3 \|", report);
    }

    [Fact]
    public void ContextSwitches_GetAnIntervalFromTheLaunches_AndTheirVoluntaryShare()
    {
        // 90, 100 and 110 voluntary and 10 involuntary switches per operation: about 110 in all, 90% voluntary.
        var cost = new CostRecord([1620, 1800, 1980], [180, 200, 220], null, [200, 200, 200], [90, 100, 110], [10, 10, 10]);
        RunResults run = new FakeRun().Class(Cpu, QuestionKind.BaselineComparison).Row(Cpu, "Pool", FakeRun.Around(1000), baseline: true, cost: cost).Build();

        RowCost c = Assert.Single(RowCost.Of(RunAnalysis.Of(run).Questions[0], 0.99));

        Assert.InRange(c.SwitchesPerOperation!.Value.Value, 109, 110); // the geometric mean of 100, 110 and 120
        Assert.True(c.SwitchesPerOperation.Value.Lower < 100 && c.SwitchesPerOperation.Value.Upper > 120, c.SwitchesPerOperation.ToString());
        Assert.Equal(300.0 / 330, c.VoluntaryShare!.Value, 6);
        Assert.Matches(@"\| 1\.99 \| - \| 110 \[[0-9.]+, [0-9.]+\] \| 91% \| 3 \|", ReportDocument.Render(RunAnalysis.Of(run)));
    }

    [Fact]
    public void ContextSwitchesOfOneLaunch_AreItsFigure_WithoutAnInterval()
    {
        var cost = new CostRecord([1800], [200], null, [200], [40], [2]);

        RowCost c = Assert.Single(RowCost.Of(Question(new FakeRun().Class(Cpu, QuestionKind.BaselineComparison).Row(Cpu, "Pool", FakeRun.Around(1000), baseline: true, cost: cost)), 0.99));

        Assert.Equal(42, c.SwitchesPerOperation!.Value.Value);
        Assert.False(c.SwitchesPerOperation.Value.HasInterval);
    }

    public static TheoryData<CostRecord> ImpossibleCosts => new()
    {
        new CostRecord([-1, 1], [1, 1], null), // CPU time below nothing
        new CostRecord([1, 1], [1], null), // user and system for different launches
        new CostRecord([1, 1], [1, 1], [1]), // peaks for other launches
        new CostRecord([1, 1], [1, 1], null, [1]), // ticks for other launches
        new CostRecord([1, 1], [1, 1], null, null, [1], [1, 1]), // switches for other launches
        new CostRecord([1, 1], [1, 1], null, null, [1, -1], [1, 1]), // switches below none
    };

    [Theory]
    [MemberData(nameof(ImpossibleCosts))]
    public void ARunJsonWithAnImpossibleCost_IsRefused(CostRecord cost)
    {
        string folder = Path.Combine(Path.GetTempPath(), "cb-cost-" + Guid.NewGuid().ToString("N"));
        try
        {
            new FakeRun().Class(Cpu, QuestionKind.BaselineComparison)
                .Row(Cpu, "Pool", FakeRun.Around(1000), baseline: true, cost: cost)
                .WriteTo(folder);

            ResultsException ex = Assert.Throws<ResultsException>(() => RunResults.Load(folder));
            Assert.Contains("impossible figure", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TwoRowsNotSeparatedInTime_TheOneThatSpendsLessCpu_IsNamed()
    {
        var ideal = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, null, null);
        (string, string)[] n = [("N", "100")];
        string[] guide = [.. Guide.Sentences(RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, ideal)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), n, baseline: true, workers: "One", waits: "Blocking")
            .Row(Cpu, "Lean", FakeRun.Around(500), n, workers: "K", waits: "Async", cost: new CostRecord([1000, 1010, 990], [0, 0, 0], null, [100, 101, 99]))
            .Row(Cpu, "Busy", FakeRun.Around(501), n, workers: "PerItem", waits: "Blocking", cost: new CostRecord([2900, 3050, 3000], [100, 0, 0], null, [300, 305, 300]))
            .Row(Cpu, "Same", FakeRun.Around(502), n, workers: "K", waits: "BlockingPool", cost: new CostRecord([1000, 1000, 1010], [0, 10, 0], null, [100, 101, 101]))
            .Build()))];

        string cheaper = Assert.Single(guide, s => s.StartsWith("**Where time does not choose", StringComparison.Ordinal));
        Assert.Contains("Lean spent the least CPU per operation", cheaper, StringComparison.Ordinal);
        Assert.Matches(@"Busy 3\.0[0-9] \[[0-9.]+, [0-9.]+\] times as much, with no difference in time shown: prefer Lean\.$", cheaper);
        Assert.DoesNotContain("Same", cheaper, StringComparison.Ordinal); // not shown to spend more than Lean
    }

    [Fact]
    public void LaunchesOfFewTicks_NameNoCheaperRow()
    {
        var ideal = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, null, null);
        string[] guide = [.. Guide.Sentences(RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, ideal)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One", waits: "Blocking")
            .Row(Cpu, "Lean", FakeRun.Around(500), workers: "K", waits: "Async", cost: new CostRecord([1000, 1010, 990], [0, 0, 0], null, [1, 1, 1]))
            .Row(Cpu, "Busy", FakeRun.Around(501), workers: "PerItem", waits: "Blocking", cost: new CostRecord([3000, 3030, 2970], [0, 0, 0], null, [3, 3, 3]))
            .Build()))];

        Assert.DoesNotContain(guide, s => s.StartsWith("**Where time does not choose", StringComparison.Ordinal));
    }

    private static QuestionResult Question(FakeRun run) => RunAnalysis.Of(run.Build()).Questions[0];
}
