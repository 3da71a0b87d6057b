using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>A dimensionless column computed from the summary: shared plumbing of Speedup and Efficiency.</summary>
internal abstract class RatioColumn : IColumn
{
    public abstract string Id { get; }

    public string ColumnName => Id;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public abstract int PriorityInCategory { get; }

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public abstract string Legend { get; }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? value = Compute(summary, benchmarkCase);
        return value is double v && double.IsFinite(v) ? v.ToString("0.00", style.CultureInfo ?? CultureInfo.InvariantCulture) : "?";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    // Only where the benchmark class defines an ideal time (the strategy comparisons).
    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(c => Attribute.IsDefined(c.Descriptor.Type, typeof(IdealTimeAttribute), inherit: true));

    protected abstract double? Compute(Summary summary, BenchmarkCase benchmarkCase);
}

/// <summary>Speedup: the baseline's (Sequential's) mean time divided by this benchmark's; 2.00 means twice as fast.</summary>
internal sealed class SpeedupColumn : RatioColumn
{
    public static readonly SpeedupColumn Instance = new();

    public override string Id => "Speedup";

    public override int PriorityInCategory => 0;

    public override string Legend => "Baseline (Sequential) mean time / this mean time: higher is faster; '?' where the baseline was not measured";

    protected override double? Compute(Summary summary, BenchmarkCase benchmarkCase) =>
        IdealTime.BaselineMean(summary, benchmarkCase) / IdealTime.Mean(summary, benchmarkCase);
}

/// <summary>Efficiency: the ideal time divided by the measured time; 1.00 is perfect concurrency.</summary>
internal sealed class EfficiencyColumn : RatioColumn
{
    public static readonly EfficiencyColumn Instance = new();

    public override string Id => "Efficiency";

    public override int PriorityInCategory => 1;

    public override string Legend => "Ideal time / mean time (1.00 = perfect). Ideal: ceil(N/workers) latencies for waiting work; baseline / cores for computing work";

    protected override double? Compute(Summary summary, BenchmarkCase benchmarkCase) =>
        IdealTime.Of(summary, benchmarkCase) / IdealTime.Mean(summary, benchmarkCase);
}
