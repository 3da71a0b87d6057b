using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>GB/s: the bytes one operation moves across the boundary (both directions counted), per second of its mean time.</summary>
internal sealed class ThroughputColumn() : SuiteColumn(
    "GBps", 3, isNumeric: true, "Bytes that crossed the boundary per operation (both directions counted) / mean time, in 10^9 bytes per second")
{
    public static readonly ThroughputColumn Instance = new();

    public override string ColumnName => "GB/s";

    /// <summary>The case's GB/s; null when it moves no payload or was not measured.</summary>
    public static double? Of(Summary summary, BenchmarkCase benchmarkCase)
    {
        double? bytes = BytesPerOperation(benchmarkCase);
        double? meanNs = IdealTime.Mean(summary, benchmarkCase);
        return bytes is null || meanNs is null or <= 0 ? null : bytes / meanNs;
    }

    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        Of(summary, benchmarkCase) is double v ? v.ToString("0.00", style.CultureInfo ?? CultureInfo.InvariantCulture) : "-";

    public override bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => BytesPerOperation(c) is not null);

    private static double? BytesPerOperation(BenchmarkCase benchmarkCase)
    {
        BytesMovedAttribute? moved = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<BytesMovedAttribute>();
        object? payload = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "PayloadBytes")?.Value;
        return moved is null || payload is not int bytes ? null : moved.PayloadMultiple * bytes;
    }
}
