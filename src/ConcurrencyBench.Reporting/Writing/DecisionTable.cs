using System.Text;
using ConcurrencyBench.Reporting.Analysis;

namespace ConcurrencyBench.Reporting.Writing;

/// <summary>
/// The answer on one screen: one line per kind of work (use, avoid, the figure that decides, what it rests on), at most
/// <see cref="MaxLineLength"/> characters a line, for the top of REPORT.md and the end of a run's console output.
/// </summary>
public static class DecisionTable
{
    /// <summary>The longest line the table writes.</summary>
    public const int MaxLineLength = 160;

    private const string Header = "| Work | Use | Avoid | Figure that decides | Basis |";

    /// <summary>The table of <paramref name="analysis"/>'s decisions, in Markdown; empty when it has none.</summary>
    /// <param name="analysis">The run.</param>
    public static string Render(RunAnalysis analysis)
    {
        IReadOnlyList<Decision> decisions = Decision.Of(analysis ?? throw new ArgumentNullException(nameof(analysis)));
        if (decisions.Count == 0)
        {
            return "";
        }

        var md = new StringBuilder();
        md.AppendLine(Header).AppendLine("|---|---|---|---|---|");
        foreach (Decision d in decisions)
        {
            md.AppendLine(Line(d));
        }

        return md.ToString();
    }

    // Lists shorten ("+2 more") until the line fits: the figure and its basis stay whole.
    private static string Line(Decision d)
    {
        string figure = d.FigureName == Decision.TimeName ? Units.Time(d.Figure)
            : d.FigureName.StartsWith(Decision.GigabytesName, StringComparison.Ordinal) ? $"{Units.Ratio(d.Figure)} {d.FigureName}"
            : $"{d.FigureName} {Units.Ratio(d.Figure)}";
        // Each list keeps at least one name; the rows to avoid give up names before the rows to use, then their reasons.
        for (int use = d.Use.Count, avoid = d.Avoid.Count, reasons = 1; ; )
        {
            string[] avoidItems = [.. d.Avoid.Select(a => reasons == 1 ? $"{a.Method} ({a.Why})" : a.Method)];
            string line = $"| {Shorten(d.Work, 36)} | {List(d.Use, use)} | {List(avoidItems, avoid)} | {figure} | {d.Basis} |";
            if (line.Length <= MaxLineLength)
            {
                return line;
            }

            if (avoid > 1)
            {
                avoid--;
            }
            else if (use > 1)
            {
                use--;
            }
            else if (reasons == 1 && d.Avoid.Count > 0)
            {
                reasons = 0;
            }
            else
            {
                return line[..(MaxLineLength - 2)] + "…|";
            }
        }
    }

    private static string List(IReadOnlyList<string> items, int shown) =>
        items.Count == 0 ? "-" : string.Join(", ", items.Take(Math.Max(1, shown))) + (shown < items.Count ? $" +{items.Count - Math.Max(1, shown)}" : "");

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
