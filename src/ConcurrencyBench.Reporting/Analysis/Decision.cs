using System.Globalization;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis;

/// <summary>
/// One line of the answer: for one kind of work the run measured, the rows to use (the fastest and every row the
/// test does not separate from it), the rows to avoid (shown slower than the winners, with the reason in a few words),
/// the figure that decides, with its interval, and what it rests on.
/// </summary>
/// <param name="Work">The kind of work, with the parameters of the group read.</param>
/// <param name="Use">The winners, fastest first.</param>
/// <param name="Avoid">The rows shown slower than the winners, each with why in a few words.</param>
/// <param name="Figure">The figure that decides (the fastest row's), with its interval.</param>
/// <param name="FigureName">What the figure is ("speedup", "efficiency", "GB/s", <see cref="TimeName"/>).</param>
/// <param name="Basis">What it rests on: launches or trials, samples, the fastest row's verdict against its reference.</param>
public sealed record Decision(string Work, IReadOnlyList<string> Use, IReadOnlyList<(string Method, string Why)> Avoid, Estimate Figure, string FigureName, string Basis)
{
    /// <summary>One decision per kind of work the run measured, in the run's order of questions.</summary>
    /// <param name="analysis">The run.</param>
    public static IReadOnlyList<Decision> Of(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var decisions = new List<Decision>();
        foreach (QuestionResult question in analysis.Questions)
        {
            foreach (GroupResult group in GroupsToRead(question))
            {
                if (Read(question, group, analysis.Settings) is Decision decision)
                {
                    decisions.Add(decision);
                }
            }
        }

        return decisions;
    }

    // The groups whose answer stands for the class: for waiting work, the largest N whose fastest row still waits in
    // about one latency (or the largest ranked N); for equal items of varying size, the smallest size where the fastest
    // row pays; for payloads, the smallest and the largest; otherwise every group (a class of one group has one).
    private static IEnumerable<GroupResult> GroupsToRead(QuestionResult question)
    {
        GroupResult[] ranked = [.. question.Groups.Where(g => g.CanRank && g.Fastest is not null)];
        if (ranked.Length == 0 || question.Class.Kind == QuestionKind.Crossover)
        {
            return question.Class.Kind == QuestionKind.Crossover && ranked.Length > 0 ? [ranked[^1]] : [];
        }

        if (question.Class.IdealTime?.Model == IdealTimeRecord.OneLatency)
        {
            GroupResult[] byN = [.. ranked.OrderBy(g => g.Rows[0].Record.Inputs?.Items ?? 0)];
            return [byN.LastOrDefault(g => g.Fastest!.Efficiency?.Lower >= 0.5) ?? byN[^1]];
        }

        if (question.Class.Granularity is GranularityRecord granularity)
        {
            GroupResult[] bySize = [.. ranked.OrderBy(g => Number(g.Rows[0].Record, granularity.SizeParameter))];
            return [bySize.FirstOrDefault(g => g.Fastest!.Efficiency?.Lower >= GranularityResult.PayingEfficiency) ?? bySize[^1]];
        }

        if (question.Class.Kind == QuestionKind.DataMovement)
        {
            GroupResult[] bySize = [.. ranked.OrderBy(g => g.Rows[0].Record.Inputs?.PayloadBytes ?? 0)];
            return bySize.Length > 1 ? [bySize[0], bySize[^1]] : bySize;
        }

        return ranked;
    }

    private static Decision? Read(QuestionResult question, GroupResult group, StatisticsSettings settings)
    {
        ClassRecord cls = question.Class;
        string work = WorkOf(question, group);
        if (cls.Kind == QuestionKind.Crossover)
        {
            return Crossover(question, work);
        }

        // Options only: floors are not rows to choose, and a like-for-like row's reference may be a floor.
        RowResult[] options = [.. group.Rows.Where(r => r.IsMeasured && !r.Record.IsFloor)];
        RowResult[] winners = [.. group.Winners.Where(w => !w.Record.IsFloor).OrderBy(w => w.Time!.Value.Value)];
        if (winners.Length == 0)
        {
            return null;
        }

        RowResult best = winners[0];
        var avoid = options
            .Where(r => !winners.Contains(r) && !(r.Record.IsBaseline && cls.Kind == QuestionKind.StrategyComparison) && RowStatistics.Compare(r, best, settings).Verdict == Separation.Slower)
            .OrderByDescending(r => r.Time!.Value.Value)
            .Select(r => (r.Method, Why(r, group, cls)))
            .ToArray();
        (Estimate figure, string name) = cls.Kind switch
        {
            QuestionKind.StrategyComparison when best.Efficiency is Estimate e && cls.IdealTime?.Model == IdealTimeRecord.OneLatency => (e, "efficiency"),
            QuestionKind.StrategyComparison when best.Speedup is Estimate s => (s, "speedup"),
            QuestionKind.DataMovement when best.GigabytesPerSecond is Estimate g => (g, GigabytesName + (best.Speedup is Estimate f ? string.Create(CultureInfo.InvariantCulture, $", {f.Value:0.00} of the floor") : "")),
            _ => (best.Time!.Value, TimeName),
        };
        string reference = best.Reference switch
        {
            { Record.IsFloor: true } => "the floor",
            { Record.IsBaseline: true, Method.Length: > 12 } => "the baseline",
            { } r => r.Method,
            null => "",
        };
        string verdict = best.VersusReference is Separation v && best.Reference is not null ? $", {SeparationTest.Describe(v)} vs {reference}" : "";
        // "n=10" for one launch, "2×20" for two launches (or trials) of 20 samples.
        string basis = best.Launches > 1 ? $"{best.Launches}×{best.Samples / best.Launches}" : $"n={best.Samples}";
        return new Decision(work, [.. winners.Select(w => w.Method)], avoid, figure, name, $"{basis}{verdict}{(best.IsAboveCeiling ? ", disturbed" : "")}");
    }

    // A transport's pool against computing in process: where it breaks even, at the largest payload.
    private static Decision? Crossover(QuestionResult question, string work)
    {
        CrossoverPoint[] points = [.. CrossoverPoint.Of(question)];
        if (points.Length == 0)
        {
            return null;
        }

        int bytes = points.Max(p => p.PayloadBytes);
        var perTransport = points.Where(p => p.PayloadBytes == bytes).GroupBy(p => p.Transport)
            .Select(t => (Transport: t.Key, Faster: t.OrderBy(p => p.Passes).FirstOrDefault(p => p.Verdict == Separation.Faster), Heaviest: t.MaxBy(p => p.Passes)!))
            .ToArray();
        var paying = perTransport.Where(t => t.Faster is not null).OrderBy(t => t.Faster!.NanosecondsPerByte).ToArray();
        var slower = perTransport.Where(t => t.Faster is null && t.Heaviest.Verdict == Separation.Slower)
            .Select(t => ("pool over " + t.Transport, "slower even at the heaviest compute")).ToArray();
        if (paying.Length == 0)
        {
            return new Decision(Short(question.Class.Question) + ", " + Writing.Units.Bytes(bytes), ["Sequential"], slower, perTransport[0].Heaviest.Speedup, "pool speedup at the heaviest compute", "no pool shown faster");
        }

        CrossoverPoint first = paying[0].Faster!;
        return new Decision(
            Short(question.Class.Question) + ", " + Writing.Units.Bytes(bytes),
            [.. paying.Select(t => string.Create(CultureInfo.InvariantCulture, $"pool over {t.Transport} from {t.Faster!.NanosecondsPerByte:0.##} ns/B"))],
            slower,
            first.Speedup,
            string.Create(CultureInfo.InvariantCulture, $"speedup at {first.NanosecondsPerByte:0.##} ns/B"),
            "the pool Faster vs Sequential");
    }

    private static string Why(RowResult row, GroupResult group, ClassRecord cls)
    {
        BenchmarkRecord r = row.Record;
        if (cls.IdealTime?.Model == IdealTimeRecord.OneLatency)
        {
            return (r.Workers, r.Waits) switch
            {
                ("One", _) => "one call at a time",
                _ when r.Role == RowRoles.ProcessPerItem => "a process per call",
                ("K", _) => "at most K calls at once",
                ("PerItem", "Blocking") => "a thread per call",
                ("PerItem", "BlockingPool") => "holds pool threads",
                _ => "slower",
            };
        }

        return r.Waits switch
        {
            "Async" when cls.IdealTime?.Model == IdealTimeRecord.WorkOverCores && row.VersusReference != Separation.Faster => "runs items one after another",
            _ when r.Workers is "One" or "1" => "one item at a time",
            _ when r.Role == RowRoles.ProcessPerItem => "a process per item",
            _ => "slower",
        };
    }

    /// <summary>The name of a figure that is a time per operation.</summary>
    public const string TimeName = "time";

    /// <summary>The start of the name of a figure in GB/s (the unit follows the value).</summary>
    public const string GigabytesName = "GB/s";

    // The kind of work in a few words: the question's head and the parameter that tells the groups apart.
    private static string WorkOf(QuestionResult question, GroupResult group)
    {
        string head = Short(question.Class.Question).Replace("CPython beside .NET, ", "CPython, ", StringComparison.Ordinal);
        BenchmarkRecord r = group.Rows[0].Record;
        string? detail = r.Inputs?.Items is int n ? "N=" + n.ToString(CultureInfo.InvariantCulture)
            : r.Inputs?.PayloadBytes is int bytes ? Writing.Units.Bytes(bytes)
            : question.Class.Granularity is GranularityRecord g && group.Rows.FirstOrDefault(x => x.Record.IsBaseline) is { IsMeasured: true } baseline
                ? "items of " + Writing.Units.Time(baseline.Time!.Value.Value / g.ItemsAt(Number(r, g.SizeParameter)))
            : group.Title.Length == 0 && group.Key.Length > 0 ? group.Key
            : null;
        return detail is null ? head : $"{head}, {detail}";
    }

    private static double Number(BenchmarkRecord record, string name) =>
        double.TryParse(record.Parameter(name), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : 0;

    private static string Short(string question)
    {
        int colon = question.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? question[..colon] : question;
    }
}
