using System.Globalization;
using System.Text;
using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Analysis.Decisions;
using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Statistics;

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

    /// <summary>A reason to avoid a row, in a few words.</summary>
    /// <param name="reason">The reason.</param>
    internal static string Why(AvoidReason reason) => reason switch
    {
        AvoidReason.WaitsForOneCallAtATime => "one call at a time",
        AvoidReason.StartsAProcessPerCall => "a process per call",
        AvoidReason.AtMostKAtOnce => "at most K calls at once",
        AvoidReason.ThreadPerCall => "a thread per call",
        AvoidReason.PoolThreadPerCall => "holds pool threads",
        AvoidReason.ItemsRanOneAfterAnother => "ran one by one",
        AvoidReason.RunsOneItemAtATime => "one item at a time",
        AvoidReason.StartsAProcessPerItem => "a process per item",
        AvoidReason.RoundTripPerItem => "round trip per item",
        AvoidReason.RoundTripPerChunk => "round trip per chunk",
        AvoidReason.ThreadPerItem => "a thread per item",
        AvoidReason.GrainCallPerItem => "a grain call per item",
        AvoidReason.GrainCallPerChunk => "a grain call per chunk",
        AvoidReason.OneThreadRunsPythonAtATime => "the GIL",
        AvoidReason.StartsTheJitRuntime => "JIT start",
        AvoidReason.CopiedThroughTheKernel => "via the kernel",
        AvoidReason.TextFormat => "text format",
        AvoidReason.SlowerEvenAtTheHeaviestCompute => "slower even at the heaviest compute",
        _ => "slower",
    };

    // Lists shorten ("+2 more") until the line fits: the figure and its basis stay whole.
    private static string Line(Decision d)
    {
        string figure = Figure(d.Figure);
        string basis = Basis(d.Basis);
        string[] use = [.. d.Use.Select(Name)];
        // Each list keeps at least one name; the rows to avoid give up names before the rows to use, then their reasons.
        for (int shownUse = use.Length, avoid = d.Avoid.Count, reasons = 1; ; )
        {
            string[] avoidItems = [.. d.Avoid.Select(a => reasons == 1 ? $"{Name(a.Row)} ({Why(a.Reason)})" : Name(a.Row))];
            string line = $"| {Shorten(Work(d.Work), 36)} | {List(use, shownUse)} | {List(avoidItems, avoid)} | {figure} | {basis} |";
            if (line.Length <= MaxLineLength)
            {
                return line;
            }

            if (avoid > 1)
            {
                avoid--;
            }
            else if (shownUse > 1)
            {
                shownUse--;
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

    // The question's head (before its colon) and what tells the group apart.
    private static string Work(DecisionWork work)
    {
        int colon = work.Question.IndexOf(':', StringComparison.Ordinal);
        string head = (colon > 0 ? work.Question[..colon] : work.Question).Replace("CPython beside .NET, ", "CPython, ", StringComparison.Ordinal);
        string? detail = work.Items is int n ? "N=" + n.ToString(CultureInfo.InvariantCulture)
            : work.PayloadBytes is int bytes ? Units.Bytes(bytes)
            : work.ItemNanoseconds is double ns ? "items of " + Units.Time(ns)
            : work.GroupKey;
        return detail is null ? head : $"{head}, {detail}";
    }

    private static string Name(DecisionRow row) =>
        row.PoolOver is null ? row.Method ?? ""
        : row.FromNanosecondsPerByte is double ns ? string.Create(CultureInfo.InvariantCulture, $"pool over {row.PoolOver} from {ns:0.##} ns/B")
        : "pool over " + row.PoolOver;

    private static string Figure(DecisionFigure f) => f.Kind switch
    {
        DecisionFigureKind.Time => Units.Time(f.Value),
        DecisionFigureKind.GigabytesPerSecond => $"{Units.Ratio(f.Value)} GB/s" + (f.OfFloor is double floor ? string.Create(CultureInfo.InvariantCulture, $", {floor:0.00} of the floor") : ""),
        DecisionFigureKind.Efficiency => $"efficiency {Units.Ratio(f.Value)}",
        DecisionFigureKind.Speedup => $"speedup {Units.Ratio(f.Value)}",
        DecisionFigureKind.PoolSpeedupAtTheHeaviestCompute => $"pool speedup at the heaviest compute {Units.Ratio(f.Value)}",
        DecisionFigureKind.SpeedupAtNanosecondsPerByte => string.Create(CultureInfo.InvariantCulture, $"speedup at {f.AtNanosecondsPerByte:0.##} ns/B {Units.Ratio(f.Value)}"),
        _ => throw new ArgumentOutOfRangeException(nameof(f), f.Kind, "no wording for this figure"),
    };

    // "n=10" for one launch, "2×20" for two launches (or trials) of 20 samples; then the verdict against the reference.
    private static string Basis(DecisionBasis b)
    {
        if (b.PoolShownFaster is bool faster)
        {
            return faster ? "the pool Faster vs Sequential" : "no pool shown faster";
        }

        string reference = b.Reference switch
        {
            DecisionReference.Floor => "floor",
            DecisionReference.Baseline when b.ReferenceMethod?.Length > 12 => "baseline",
            _ => b.ReferenceMethod ?? "",
        };
        string verdict = b.Verdict is Separation v ? $", {SeparationTest.Describe(v)} vs {reference}" : "";
        string samples = b.Launches > 1 ? $"{b.Launches}×{b.Samples / b.Launches}" : $"n={b.Samples}";
        return $"{samples}{verdict}{(b.Disturbed ? ", disturbed" : "")}";
    }

    private static string List(IReadOnlyList<string> items, int shown) =>
        items.Count == 0 ? "-" : string.Join(", ", items.Take(Math.Max(1, shown))) + (shown < items.Count ? $" +{items.Count - Math.Max(1, shown)}" : "");

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
