using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConcurrencyBench.Benchmarks.Infrastructure;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// Writes <c>crossover.md</c> and <c>crossover.csv</c> from a <see cref="CopyVersusCompute"/> run: for each transport
/// and payload size, the pool's speedup at each compute intensity, and the compute per byte at which it breaks even
/// (interpolated on a log scale between the two measured intensities around Speedup = 1).
/// </summary>
internal static class CrossoverReport
{
    public static IReadOnlyList<string> Write(IReadOnlyList<Summary> summaries, string folder)
    {
        var rows = new List<Row>();
        foreach (Summary summary in summaries)
        {
            var cases = summary.BenchmarksCases.Where(c => c.Descriptor.Type == typeof(CopyVersusCompute)).ToArray();
            foreach (var group in cases.Where(c => !summary.IsBaseline(c)).GroupBy(c => (Method: c.Descriptor.WorkloadMethod.Name, Bytes: (int)Param(c, "PayloadBytes"))))
            {
                var points = group
                    .Select(c => (Passes: (int)Param(c, "Passes"), Speedup: IdealTime.BaselineMean(summary, c) / IdealTime.Mean(summary, c), SequentialNs: IdealTime.BaselineMean(summary, c)))
                    .Where(p => p.Speedup is not null && p.SequentialNs is not null)
                    .OrderBy(p => p.Passes)
                    .Select(p => (p.Passes, Speedup: p.Speedup!.Value, SequentialNs: p.SequentialNs!.Value))
                    .ToArray();
                if (points.Length > 0)
                {
                    rows.Add(Row.From(group.Key.Method, group.Key.Bytes, points));
                }
            }
        }

        if (rows.Count == 0)
        {
            return [];
        }

        int[] passes = [.. rows.SelectMany(r => r.Speedups.Keys).Distinct().Order()];
        var md = new StringBuilder();
        md.AppendLine("# Copy versus compute: where the process pool breaks even").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{CopyVersusCompute.Items} payloads per call, each checksummed `Passes` times, in process (Sequential) or by a pool of worker processes through each transport.");
        md.AppendLine("Cells are the pool's speedup over Sequential (> 1: the pool wins). Break-even is the compute per byte at which moving the data stops costing more than the parallelism gains: below it, keep the work in process.").AppendLine();
        md.Append("| Transport | Payload |");
        foreach (int p in passes)
        {
            md.Append(CultureInfo.InvariantCulture, $" Passes={p} |");
        }

        md.AppendLine(" Break-even (passes) | Break-even (ns of compute per byte) |");
        md.Append("|---|---:|").Append(string.Concat(passes.Select(_ => "---:|"))).AppendLine("---:|---:|");
        var csv = new StringBuilder("Transport,PayloadBytes," + string.Join(',', passes.Select(p => $"Speedup_Passes_{p}")) + ",BreakEvenPasses,BreakEvenNsPerByte\n");
        foreach (Row row in rows.OrderBy(r => r.Transport).ThenBy(r => r.PayloadBytes))
        {
            md.Append(CultureInfo.InvariantCulture, $"| {row.Transport} | {Size(row.PayloadBytes)} |");
            foreach (int p in passes)
            {
                md.Append(row.Speedups.TryGetValue(p, out double s) ? string.Create(CultureInfo.InvariantCulture, $" {s:0.00} |") : " - |");
            }

            md.AppendLine(CultureInfo.InvariantCulture, $" {row.BreakEven} | {row.BreakEvenNsPerByte} |");
            csv.Append(CultureInfo.InvariantCulture, $"{row.Transport},{row.PayloadBytes},{string.Join(',', passes.Select(p => row.Speedups.TryGetValue(p, out double s) ? s.ToString("0.000", CultureInfo.InvariantCulture) : ""))},{row.BreakEvenCsv},{row.BreakEvenNsPerByteCsv}\n");
        }

        string mdPath = Path.Combine(folder, "crossover.md");
        string csvPath = Path.Combine(folder, "crossover.csv");
        AtomicFile.WriteAllText(mdPath, md.ToString());
        AtomicFile.WriteAllText(csvPath, csv.ToString());
        return [mdPath, csvPath];
    }

    private static object Param(BenchmarkCase c, string name) => c.Parameters.Items.First(p => p.Name == name).Value!;

    private static string Size(int bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";

    private sealed record Row(string Transport, int PayloadBytes, SortedDictionary<int, double> Speedups, double? BreakEvenPasses, string Qualifier, double NsPerBytePerPass)
    {
        public string BreakEven => BreakEvenPasses is double k ? string.Create(CultureInfo.InvariantCulture, $"{Qualifier}{k:0.#}") : "-";

        public string BreakEvenCsv => BreakEvenPasses is double k ? string.Create(CultureInfo.InvariantCulture, $"{Qualifier}{k:0.###}") : "";

        public string BreakEvenNsPerByte => BreakEvenPasses is double k ? string.Create(CultureInfo.InvariantCulture, $"{Qualifier}{k * NsPerBytePerPass:0.###}") : "-";

        public string BreakEvenNsPerByteCsv => BreakEvenPasses is double k ? string.Create(CultureInfo.InvariantCulture, $"{Qualifier}{k * NsPerBytePerPass:0.####}") : "";

        public static Row From(string method, int bytes, (int Passes, double Speedup, double SequentialNs)[] points)
        {
            string transport = method.Replace("ProcessPool", "", StringComparison.Ordinal);
            var speedups = new SortedDictionary<int, double>(points.ToDictionary(p => p.Passes, p => p.Speedup));
            // The cost of one pass over one byte, from the most compute-heavy Sequential measurement.
            var heaviest = points[^1];
            double nsPerBytePerPass = heaviest.SequentialNs / ((double)CopyVersusCompute.Items * bytes * heaviest.Passes);
            if (points[0].Speedup >= 1)
            {
                return new Row(transport, bytes, speedups, points[0].Passes, "≤ ", nsPerBytePerPass);
            }

            for (int i = 1; i < points.Length; i++)
            {
                if (points[i].Speedup >= 1)
                {
                    double x1 = Math.Log(points[i - 1].Passes), x2 = Math.Log(points[i].Passes);
                    double y1 = points[i - 1].Speedup, y2 = points[i].Speedup;
                    double k = Math.Exp(x1 + ((1 - y1) / (y2 - y1) * (x2 - x1)));
                    return new Row(transport, bytes, speedups, k, "≈ ", nsPerBytePerPass);
                }
            }

            return new Row(transport, bytes, speedups, points[^1].Passes, "> ", nsPerBytePerPass);
        }
    }
}
