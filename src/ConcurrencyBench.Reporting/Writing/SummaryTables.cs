using System.Globalization;
using System.Text;
using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Writing;

/// <summary>
/// <c>summary.md</c> and <c>summary.csv</c>: every benchmark case of the run in one table (skipped ones with their
/// reason), each figure with its sample count and interval.
/// </summary>
public static class SummaryTables
{
    /// <summary>The Markdown table.</summary>
    /// <param name="analysis">The run.</param>
    public static string Markdown(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        string ci = analysis.Settings.ConfidencePercent;
        var md = new StringBuilder();
        md.AppendLine("# ConcurrencyBench summary").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{analysis.Run.Machine.Cpu}, {analysis.Run.Machine.LogicalCores} logical cores, {analysis.Run.Machine.Os}, {analysis.Run.Machine.Runtime}; profile {analysis.Run.Profile.Name}. See REPORT.md for the verdicts.").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Median = median time per operation [{ci} CI]; Mean ± Error = BenchmarkDotNet's mean and the half-width of its 99.9% interval; n = samples. Speedup = the reference row's time / this time ([{ci} CI]; the reference is the class's baseline or the like-for-like floor named in 'vs'); Efficiency = ideal time / this time; GB/s = bytes across the boundary per second. 'vs' = the threshold test against the reference at the same level: Faster or Slower exactly when the speedup's interval lies beyond the {analysis.Settings.ThresholdPercent}% threshold (α = {analysis.Settings.SignificanceLevel}).").AppendLine();
        md.AppendLine("| Benchmark | Method | Parameters | n | Median | Mean ± Error | Speedup | Efficiency | GB/s | vs |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (RowResult r in analysis.Questions.SelectMany(q => q.Rows))
        {
            string status = r.Record.Status switch
            {
                BenchmarkStatus.Skipped => "skipped: " + r.Record.Reason,
                BenchmarkStatus.Failed => "FAILED: " + r.Record.Reason,
                _ => r.VersusReference is Separation v ? $"{SeparationTest.Describe(v)} (vs {r.Reference!.Method})" : r.Record.IsBaseline ? "baseline" : "-",
            };
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Record.Type} | {r.Method} | {r.Record.ParameterText} | {r.Samples} | {(r.Time is Estimate t ? Units.Time(t) : "-")} | {MeanText(r.Measured)} | {Units.Ratio(r.Speedup)}{(r.SpeedupEstimateNote is null || r.Speedup is null ? "" : " (est.)")} | {Units.Ratio(r.Efficiency)} | {Units.Ratio(r.GigabytesPerSecond)} | {status} |");
        }

        md.AppendLine().AppendLine("(est.) = the reference was not measured in this profile; see REPORT.md for how it was estimated.");
        return md.ToString();
    }

    /// <summary>The CSV: plain numbers (nanoseconds, ratios) for scripts, one row per case.</summary>
    /// <param name="analysis">The run.</param>
    public static string Csv(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var csv = new StringBuilder("Benchmark,Method,Parameters,Status,N,Median_ns,Median_ns_lower,Median_ns_upper,Mean_ns,Error_ns,Reference,Speedup,Speedup_lower,Speedup_upper,SpeedupEstimated,Efficiency,Efficiency_lower,Efficiency_upper,GBps,GBps_lower,GBps_upper,Verdict,Reason\n");
        foreach (RowResult r in analysis.Questions.SelectMany(q => q.Rows))
        {
            var cells = new List<string>
            {
                r.Record.Type, r.Method, Quote(r.Record.ParameterText), r.Record.Status.ToString(), r.Samples.ToString(CultureInfo.InvariantCulture),
            };
            cells.AddRange(Triple(r.Time));
            cells.Add(Plain(r.Measured?.Mean));
            cells.Add(Plain(r.Measured?.ErrorMargin));
            cells.Add(r.Reference?.Method ?? "");
            cells.AddRange(Triple(r.Speedup));
            cells.Add(r.SpeedupEstimateNote is null ? "false" : "true");
            cells.AddRange(Triple(r.Efficiency));
            cells.AddRange(Triple(r.GigabytesPerSecond));
            cells.Add(r.VersusReference?.ToString() ?? "");
            cells.Add(Quote(r.Record.Reason ?? ""));
            csv.Append(string.Join(',', cells)).Append('\n');
        }

        return csv.ToString();
    }

    private static string MeanText(MeasuredBenchmark? m) =>
        m is null || !double.IsFinite(m.Mean) ? "-" : Units.Time(m.Mean) + (m.ErrorMargin is double e && double.IsFinite(e) ? " ± " + Units.Time(e) : "");

    private static IEnumerable<string> Triple(Estimate? e) => [Plain(e?.Value), Plain(e?.Lower), Plain(e?.Upper)];

    private static string Plain(double? value) => value is double v && double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "";

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
