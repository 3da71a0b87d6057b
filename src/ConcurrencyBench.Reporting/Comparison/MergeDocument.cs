using System.Globalization;
using System.Text;
using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Writing;

namespace ConcurrencyBench.Reporting.Comparison;

/// <summary>
/// Several runs (machines) in one table, a column per run: each benchmark's median time and its speedup over its
/// reference row, with intervals. Speedups travel between machines; absolute times describe one machine only.
/// </summary>
public static class MergeDocument
{
    /// <summary>Renders the runs side by side.</summary>
    /// <param name="runs">Two or more results.</param>
    public static string Render(IReadOnlyList<RunResults> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        RunAnalysis[] analyses = [.. runs.Select(RunAnalysis.Of)];
        var md = new StringBuilder("# ConcurrencyBench: runs side by side\n\n");
        md.AppendLine("| Column | Machine | Runtime | Profile | Run | Folder |").AppendLine("|---|---|---|---|---|---|");
        for (int i = 0; i < runs.Count; i++)
        {
            RunRecord r = runs[i].Run;
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Column(i)} | {CompareDocument.Machine(r.Machine)} | {r.Machine.Runtime} | {r.Profile.Name} | {r.Started.UtcDateTime:yyyy-MM-dd HH:mm} UTC | `{runs[i].Folder}` |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Cells: median time of one operation [{analyses[0].Settings.ConfidencePercent} CI], then the speedup over the row's reference (Sequential, or its floor) [CI]. Compare speedups across machines; a blank cell was not measured there.").AppendLine();
        var rows = analyses
            .SelectMany((a, i) => a.Questions.SelectMany(q => q.Rows).Where(r => r.IsMeasured).Select(r => (Column: i, Row: r)))
            .GroupBy(x => x.Row.Record.Id)
            .ToArray();
        foreach (IGrouping<string, IGrouping<string, (int Column, RowResult Row)>> type in rows.GroupBy(g => g.First().Row.Record.Type))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {type.Key}").AppendLine();
            md.AppendLine("| Benchmark | " + string.Join(" | ", runs.Select((_, i) => Column(i))) + " |");
            md.AppendLine("|---|" + string.Concat(runs.Select(_ => "---:|")));
            foreach (IGrouping<string, (int Column, RowResult Row)> benchmark in type)
            {
                RowResult first = benchmark.First().Row;
                var cells = new string[runs.Count];
                foreach ((int column, RowResult row) in benchmark)
                {
                    cells[column] = Units.Time(row.Time!.Value) + (row.Speedup is null ? "" : "; " + Units.Ratio(row.Speedup) + "×");
                }

                md.AppendLine(CultureInfo.InvariantCulture, $"| {first.Method}({first.Record.ParameterText}) | {string.Join(" | ", cells.Select(c => c ?? ""))} |");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    private static string Column(int i) => ((char)('A' + i)).ToString();
}
