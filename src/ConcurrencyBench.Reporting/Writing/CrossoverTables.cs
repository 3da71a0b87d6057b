using System.Globalization;
using System.Text;
using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Analysis.Rules;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Reporting.Writing;

/// <summary><c>crossover.md</c> and <c>crossover.csv</c>: the copy-versus-compute cells and break-even points on their own.</summary>
public static class CrossoverTables
{
    /// <summary>The Markdown; null when the run has no crossover question.</summary>
    /// <param name="analysis">The run.</param>
    public static string? Markdown(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        QuestionResult? question = analysis.Questions.FirstOrDefault(q => q.Class.Kind == QuestionKind.Crossover);
        if (question is null || CrossoverPoint.Of(question).Count == 0)
        {
            return null;
        }

        var md = new StringBuilder("# Copy versus compute: where the process pool breaks even\n\n");
        md.AppendLine(CultureInfo.InvariantCulture, $"{question.Class.ItemsPerOperation} payloads per call, each checksummed `Passes` times, in process (Sequential) or by a pool of worker processes through each transport. Cells: the pool's speedup over Sequential [{analysis.Settings.ConfidencePercent} CI]; above 1 the pool wins. Break-even: the compute per byte at which moving the data stops costing more than the parallelism gains (interpolated on a log scale). Below it, keep the work in process.").AppendLine();
        foreach (CopyVersusComputeFinding finding in CopyVersusComputeRule.Find(question))
        {
            md.AppendLine("- " + GuideWording.Sentence(finding));
        }

        md.AppendLine();
        ReportDocument.WriteCrossover(md, question);
        return md.ToString();
    }

    /// <summary>The CSV; null when the run has no crossover question.</summary>
    /// <param name="analysis">The run.</param>
    public static string? Csv(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        QuestionResult? question = analysis.Questions.FirstOrDefault(q => q.Class.Kind == QuestionKind.Crossover);
        IReadOnlyList<CrossoverPoint> points = question is null ? [] : CrossoverPoint.Of(question);
        if (points.Count == 0)
        {
            return null;
        }

        var csv = new StringBuilder("Transport,PayloadBytes,Passes,NsOfComputePerByte,Speedup,Speedup_lower,Speedup_upper,Verdict,BreakEvenNsPerByte,BreakEvenQualifier\n");
        foreach (IGrouping<(string, int), CrossoverPoint> cell in points.GroupBy(p => (p.Transport, p.PayloadBytes)))
        {
            var breakEven = CrossoverPoint.BreakEven(cell);
            foreach (CrossoverPoint p in cell.OrderBy(p => p.Passes))
            {
                csv.Append(CultureInfo.InvariantCulture, $"{p.Transport},{p.PayloadBytes},{p.Passes},{p.NanosecondsPerByte:G6},{p.Speedup.Value:G6},{p.Speedup.Lower:G6},{p.Speedup.Upper:G6},{p.Verdict},{breakEven?.NanosecondsPerByte:G6},{breakEven?.Qualifier.Trim()}\n");
            }
        }

        return csv.ToString();
    }
}
