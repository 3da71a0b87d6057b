using System.Text;
using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Reporting.Writing;

/// <summary>
/// Adds to each class's BenchmarkDotNet Markdown report what BenchmarkDotNet cannot know: the cases this profile did
/// not run, with the reason, and the class's notes. The addition is marked, so that writing it again replaces it.
/// </summary>
public static class ClassReportNotes
{
    private const string Marker = "<!-- ConcurrencyBench notes -->";

    /// <summary>Appends the notes to every class report in the folder that has any.</summary>
    /// <param name="analysis">The run.</param>
    /// <returns>The reports changed.</returns>
    public static IReadOnlyList<string> Append(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var changed = new List<string>();
        foreach (QuestionResult question in analysis.Questions)
        {
            string? path = Directory.GetFiles(analysis.Results.Folder, $"*.{question.Class.Type}-report-github.md").FirstOrDefault();
            if (path is null || !ResultsFile.IsRegular(path))
            {
                continue; // a link in a results folder is not followed, nor rewritten
            }

            var notes = new StringBuilder();
            foreach (string note in question.Class.Notes ?? [])
            {
                notes.AppendLine("- " + note);
            }

            foreach (RowResult r in question.Skipped)
            {
                notes.AppendLine($"- Not run: {r.Method} ({r.Record.ParameterText}): {r.Record.Reason}");
            }

            string text = ResultsFile.ReadText(path, ResultsFile.MaxExportBytes);
            int at = text.IndexOf(Marker, StringComparison.Ordinal);
            string original = at < 0 ? text : text[..at].TrimEnd() + "\n";
            string updated = notes.Length == 0 ? original : original + "\n" + Marker + "\n" + notes;
            if (updated != text)
            {
                AtomicFile.WriteAllText(path, updated);
                changed.Add(path);
            }
        }

        return changed;
    }
}
