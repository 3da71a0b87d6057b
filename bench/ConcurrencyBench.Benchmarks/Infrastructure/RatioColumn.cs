using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>A dimensionless ratio computed from the summary, shown only where the class defines an ideal time.</summary>
internal abstract class RatioColumn(string id, int priority, string legend) : SuiteColumn(id, priority, isNumeric: true, legend)
{
    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? value = Compute(summary, benchmarkCase);
        return value is double v && double.IsFinite(v) ? v.ToString("0.00", style.CultureInfo ?? CultureInfo.InvariantCulture) : "?";
    }

    // Only where the benchmark class defines an ideal time (the strategy comparisons).
    public override bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(c => Attribute.IsDefined(c.Descriptor.Type, typeof(IdealTimeAttribute), inherit: true));

    protected abstract double? Compute(Summary summary, BenchmarkCase benchmarkCase);
}

/// <summary>Speedup: the baseline's (Sequential's) mean time divided by this benchmark's; 2.00 means twice as fast.</summary>
internal sealed class SpeedupColumn() : RatioColumn(
    "Speedup", 0, "Baseline (Sequential) mean time / this mean time: higher is faster; '?' where the baseline was not measured")
{
    public static readonly SpeedupColumn Instance = new();

    protected override double? Compute(Summary summary, BenchmarkCase benchmarkCase) =>
        IdealTime.BaselineMean(summary, benchmarkCase) / IdealTime.Mean(summary, benchmarkCase);
}

/// <summary>Efficiency: the ideal time divided by the measured time; 1.00 is perfect concurrency.</summary>
internal sealed class EfficiencyColumn() : RatioColumn(
    "Efficiency", 1, "Ideal time / mean time (1.00 = perfect). Ideal: ceil(N/workers) latencies for waiting work; baseline / cores for computing work")
{
    public static readonly EfficiencyColumn Instance = new();

    protected override double? Compute(Summary summary, BenchmarkCase benchmarkCase) =>
        IdealTime.Of(summary, benchmarkCase) / IdealTime.Mean(summary, benchmarkCase);
}
