using System.Globalization;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Tests.Reporting;

/// <summary>
/// A granularity class on fixed inputs: 2^20 units split into items of 2^4, 2^10 and 2^16 units, 2 cores, where
/// ParallelForRanges pays at every size, TaskRunPerItem from 2^10, and ProcessPool at none.
/// </summary>
internal static class GranularityFixture
{
    public const string Type = "TaskGranularity";

    public static FakeRun AddTo(FakeRun run)
    {
        var ideal = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [.. Enumerable.Repeat(1.0, 32)], "rounds (equal items)");
        run.Class(Type, QuestionKind.StrategyComparison, ideal, granularity: new GranularityRecord("RoundsPerItem", 1 << 20, "rounds"));
        foreach ((int size, double taskRunEfficiency, double poolEfficiency) in new[] { (1 << 4, 0.30, 0.01), (1 << 10, 0.90, 0.20), (1 << 16, 0.97, 0.60) })
        {
            (string, string)[] p = [("RoundsPerItem", size.ToString(CultureInfo.InvariantCulture)), ("K", "2")];
            const double Sequential = 100e6;
            run.Row(Type, "Sequential", FakeRun.Around(Sequential), p, baseline: true, workers: "One", waits: "Blocking")
               .Row(Type, "ParallelForRanges_Sized", FakeRun.Around(Sequential / 2 / 0.97), p, workers: "K", waits: "BlockingPool")
               .Row(Type, "TaskRunPerItem", FakeRun.Around(Sequential / 2 / taskRunEfficiency), p, workers: "PerItem", waits: "BlockingPool")
               .Row(Type, "ProcessPool", FakeRun.Around(Sequential / 2 / poolEfficiency), p, workers: "K", waits: "Process");
        }

        return run;
    }
}
