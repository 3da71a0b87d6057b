using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Writing;

namespace ConcurrencyBench.Tests.Reporting;

public sealed class GranularityTests
{
    private static readonly RunAnalysis Analysis = RunAnalysis.Of(GranularityFixture.AddTo(new FakeRun()).Build());

    [Fact]
    public void Of_GivesEachRowItsSmallestPayingSize_AndTheItemTimeFromSequential()
    {
        GranularityResult granularity = GranularityResult.Of(Analysis.Questions.Single())!;

        GranularityRow ranges = granularity.Rows.Single(r => r.Method == "ParallelForRanges_Sized");
        GranularityRow taskRun = granularity.Rows.Single(r => r.Method == "TaskRunPerItem");
        GranularityRow pool = granularity.Rows.Single(r => r.Method == "ProcessPool");
        Assert.Equal(1 << 4, ranges.SmallestPaying!.Size);
        Assert.Null(ranges.LargestNotPaying);
        Assert.Equal(1 << 10, taskRun.SmallestPaying!.Size);
        Assert.Equal(1 << 4, taskRun.LargestNotPaying!.Size);
        Assert.Null(pool.SmallestPaying);
        // 100 ms of Sequential over 2^20 / 2^10 = 1024 items: about 98 µs an item.
        Assert.Equal(100e6 / 1024, taskRun.SmallestPaying.ItemNanoseconds, 1e3);
    }

    [Fact]
    public void Guide_SaysFromWhichItemSizeEachRowPays_AndWhichNeverDoes()
    {
        IReadOnlyList<string> guide = Guide.Sentences(Analysis);

        string pays = Assert.Single(guide, s => s.Contains("pays (efficiency at least 0.80", StringComparison.Ordinal));
        Assert.True(pays.IndexOf("for ParallelForRanges_Sized", StringComparison.Ordinal) < pays.IndexOf("for TaskRunPerItem", StringComparison.Ordinal));
        Assert.Contains("1,024 rounds", pays);
        Assert.Contains(guide, s => s.Contains("ProcessPool reached an efficiency of 0.80 (at its lower bound) at no measured size", StringComparison.Ordinal));
        Assert.DoesNotContain(guide, s => s.Contains("use ", StringComparison.Ordinal));
    }

    [Fact]
    public void Report_HasTheTableOfWhereEachRowStopsPaying()
    {
        string report = ReportDocument.Render(Analysis);

        Assert.Contains("### Where each row stops paying", report);
        Assert.Contains("| ProcessPool | none measured |", report);
        Assert.Contains("| TaskRunPerItem | 97.7 µs (1,024 rounds) |", report);
    }
}
