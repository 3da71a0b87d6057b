using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConcurrencyBench.Benchmarks.Infrastructure;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// Writes <c>summary.md</c> and <c>summary.csv</c>: every benchmark of the run in one table, with its time,
/// Speedup over Sequential and Efficiency against the ideal.
/// </summary>
internal static class SuiteSummary
{
    public static void Write(IReadOnlyList<Summary> summaries, string folder)
    {
        var rows = summaries.SelectMany(s => s.BenchmarksCases.Select(c => Row.Of(s, c))).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var md = new StringBuilder();
        md.AppendLine("# ConcurrencyBench summary").AppendLine();
        Summary first = summaries.First(s => s.BenchmarksCases.Length > 0);
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineDescription.Of(first)}").AppendLine();
        md.AppendLine("Ratio = this time / the baseline's (Sequential, or the class's floor). Speedup = Sequential's time / this time; Efficiency = ideal time / this time (1.00 = perfect), for the strategy comparisons. GB/s counts the bytes that crossed a process boundary.").AppendLine();
        md.AppendLine("| Benchmark | Method | Parameters | Mean (us) | Ratio | Speedup | Efficiency | GB/s |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        var csv = new StringBuilder("Benchmark,Method,Parameters,Mean_us,Ratio,Speedup,Efficiency,GBps\n");
        foreach (Row r in rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Type} | {r.Method} | {r.Parameters} | {Format(r.MeanUs, "0.###")} | {Format(r.Ratio, "0.00")} | {Format(r.Speedup, "0.00")} | {Format(r.Efficiency, "0.00")} | {Format(r.GigabytesPerSecond, "0.00")} |");
            csv.Append(CultureInfo.InvariantCulture, $"{r.Type},{r.Method},\"{r.Parameters}\",{Format(r.MeanUs, "0.######")},{Format(r.Ratio, "0.000")},{Format(r.Speedup, "0.000")},{Format(r.Efficiency, "0.000")},{Format(r.GigabytesPerSecond, "0.000")}\n");
        }

        AtomicFile.WriteAllText(Path.Combine(folder, "summary.md"), md.ToString());
        AtomicFile.WriteAllText(Path.Combine(folder, "summary.csv"), csv.ToString());
    }

    private static string Format(double? value, string format) =>
        value is double v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private sealed record Row(string Type, string Method, string Parameters, double? MeanUs, double? Ratio, double? Speedup, double? Efficiency, double? GigabytesPerSecond)
    {
        public static Row Of(Summary summary, BenchmarkCase c)
        {
            double? mean = IdealTime.Mean(summary, c);
            double? baseline = IdealTime.BaselineMean(summary, c);
            bool comparesStrategies = Attribute.IsDefined(c.Descriptor.Type, typeof(IdealTimeAttribute), inherit: true);
            return new Row(
                c.Descriptor.Type.Name,
                c.Descriptor.WorkloadMethod.Name,
                c.Parameters.DisplayInfo,
                mean / 1e3,
                mean / baseline,
                comparesStrategies ? baseline / mean : null,
                comparesStrategies ? IdealTime.Of(summary, c) / mean : null,
                ThroughputColumn.Of(summary, c));
        }
    }
}
