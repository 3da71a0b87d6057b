using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>The encoded size of the serialization benchmark's records, per format.</summary>
internal sealed class WireBytesColumn : IColumn
{
    public static readonly WireBytesColumn Instance = new();

    public string Id => "WireBytes";

    public string ColumnName => "WireBytes";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 4;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Size;

    public string Legend => $"Bytes on the wire for the {SerializationFormats.Records} records of one operation";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        benchmarkCase.Descriptor.Type == typeof(SerializationFormats)
            ? SerializationFormats.WireBytes(benchmarkCase.Descriptor.WorkloadMethod.Name)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"
            : "-";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(SerializationFormats));
}
