using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Plots;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Writing;

namespace ConcurrencyBench.Reporting;

/// <summary>Writes every report of a results folder from its files: REPORT.md, its plots, the summary and crossover tables, and the notes in the class reports.</summary>
public static class ReportSet
{
    /// <summary>Reads the folder and (re)writes its reports.</summary>
    /// <param name="folder">A results folder (run.json and the full JSON exports).</param>
    /// <returns>The files written.</returns>
    /// <exception cref="ResultsException">The folder cannot be read.</exception>
    public static IReadOnlyList<string> Write(string folder)
    {
        RunResults results = RunResults.Load(folder);
        RunAnalysis analysis = RunAnalysis.Of(results);
        var written = new List<string>();
        void Write(string name, string? contents)
        {
            if (contents is not null)
            {
                string path = Path.Combine(results.Folder, name);
                AtomicFile.WriteAllText(path, contents);
                written.Add(path);
            }
        }

        Write("summary.md", SummaryTables.Markdown(analysis));
        Write("summary.csv", SummaryTables.Csv(analysis));
        Write("crossover.md", CrossoverTables.Markdown(analysis));
        Write("crossover.csv", CrossoverTables.Csv(analysis));
        written.AddRange(ClassReportNotes.Append(analysis));
        IReadOnlyList<PlotFile> plots = PlotSet.Write(analysis, results.Folder);
        written.AddRange(plots.SelectMany(p => new[] { Path.Combine(results.Folder, p.Png), Path.Combine(results.Folder, p.Svg) }));
        Write(ReportDocument.FileName, ReportDocument.Render(analysis, plots));
        return written;
    }
}
