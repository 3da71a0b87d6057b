using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>The encoded size of the serialization benchmark's records, per format.</summary>
internal sealed class WireBytesColumn() : SuiteColumn(
    "WireBytes", 4, isNumeric: true, $"Bytes on the wire for the {SerializationFormats.Records} records of one operation")
{
    public static readonly WireBytesColumn Instance = new();

    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        benchmarkCase.Descriptor.Type == typeof(SerializationFormats)
            ? SerializationFormats.WireBytes(benchmarkCase.Descriptor.WorkloadMethod.Name)?.ToString(CultureInfo.InvariantCulture) ?? "-"
            : "-";

    public override bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(SerializationFormats));
}
