using System.Globalization;
using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Decisions;

/// <summary>
/// One line of the answer, typed: for one kind of work the run measured, the rows to use (the fastest and every row
/// the test does not separate from it), the rows to avoid (shown slower than the winners, each with the reason its
/// roles give), the figure that decides, with its interval, and what it rests on. The words are
/// <see cref="Writing.DecisionTable"/>'s.
/// </summary>
/// <param name="Work">The kind of work, with what tells the group read apart.</param>
/// <param name="Use">The winners, fastest first.</param>
/// <param name="Avoid">The rows shown slower than the winners, slowest first.</param>
/// <param name="Figure">The figure that decides (the fastest row's).</param>
/// <param name="Basis">What it rests on.</param>
internal sealed record Decision(DecisionWork Work, IReadOnlyList<DecisionRow> Use, IReadOnlyList<DecisionAvoid> Avoid, DecisionFigure Figure, DecisionBasis Basis)
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
                if (Read(question, group, analysis) is Decision decision)
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

    private static Decision? Read(QuestionResult question, GroupResult group, RunAnalysis analysis)
    {
        ClassRecord cls = question.Class;
        if (cls.Kind == QuestionKind.Crossover)
        {
            return Crossover(question);
        }

        // Options only: floors are not rows to choose, and a like-for-like row's reference may be a floor.
        RowResult[] options = [.. group.Rows.Where(r => r.IsMeasured && !r.Record.IsFloor)];
        RowResult[] winners = [.. group.Winners.Where(w => !w.Record.IsFloor).OrderBy(w => w.Time!.Value.Value)];
        if (winners.Length == 0)
        {
            return null;
        }

        RowResult best = winners[0];
        DecisionAvoid[] avoid = [.. options
            .Where(r => !winners.Contains(r) && !(r.Record.IsBaseline && cls.Kind == QuestionKind.StrategyComparison) && RowStatistics.Compare(r, best, analysis.Settings).Verdict == Separation.Slower)
            .OrderByDescending(r => r.Time!.Value.Value)
            .Select(r => new DecisionAvoid(new DecisionRow(r.Method), AvoidReasons.Of(r, cls, analysis.Run.CPython)))];
        DecisionFigure figure = cls.Kind switch
        {
            QuestionKind.StrategyComparison when best.Efficiency is Estimate e && cls.IdealTime?.Model == IdealTimeRecord.OneLatency => new(DecisionFigureKind.Efficiency, e),
            QuestionKind.StrategyComparison when best.Speedup is Estimate s => new(DecisionFigureKind.Speedup, s),
            QuestionKind.DataMovement when best.GigabytesPerSecond is Estimate g => new(DecisionFigureKind.GigabytesPerSecond, g, OfFloor: best.Speedup?.Value),
            _ => new(DecisionFigureKind.Time, best.Time!.Value),
        };
        DecisionReference reference = best.Reference switch
        {
            { Record.IsFloor: true } => DecisionReference.Floor,
            { Record.IsBaseline: true } => DecisionReference.Baseline,
            { } => DecisionReference.Row,
            null => DecisionReference.None,
        };
        var basis = new DecisionBasis(best.Launches, best.Samples, best.Reference is null ? null : best.VersusReference, reference, best.Reference?.Method, best.IsAboveCeiling);
        return new Decision(WorkOf(question, group), [.. winners.Select(w => new DecisionRow(w.Method))], avoid, figure, basis);
    }

    // A transport's pool against computing in process: where it breaks even, at the largest payload.
    private static Decision? Crossover(QuestionResult question)
    {
        CrossoverPoint[] points = [.. CrossoverPoint.Of(question)];
        if (points.Length == 0)
        {
            return null;
        }

        int bytes = points.Max(p => p.PayloadBytes);
        var work = new DecisionWork(question.Class.Question, question.Class.IsCPython, PayloadBytes: bytes);
        var perTransport = points.Where(p => p.PayloadBytes == bytes).GroupBy(p => p.Transport)
            .Select(t => (Transport: t.Key, Faster: t.OrderBy(p => p.Passes).FirstOrDefault(p => p.Verdict == Separation.Faster), Heaviest: t.MaxBy(p => p.Passes)!))
            .ToArray();
        var paying = perTransport.Where(t => t.Faster is not null).OrderBy(t => t.Faster!.NanosecondsPerByte).ToArray();
        DecisionAvoid[] slower = [.. perTransport.Where(t => t.Faster is null && t.Heaviest.Verdict == Separation.Slower)
            .Select(t => new DecisionAvoid(new DecisionRow(null, PoolOver: t.Transport), AvoidReason.SlowerEvenAtTheHeaviestCompute))];
        if (paying.Length == 0)
        {
            return new Decision(work, [new DecisionRow("Sequential")], slower, new DecisionFigure(DecisionFigureKind.PoolSpeedupAtTheHeaviestCompute, perTransport[0].Heaviest.Speedup), NoLaunches(poolShownFaster: false));
        }

        CrossoverPoint first = paying[0].Faster!;
        return new Decision(
            work,
            [.. paying.Select(t => new DecisionRow(null, t.Transport, t.Faster!.NanosecondsPerByte))],
            slower,
            new DecisionFigure(DecisionFigureKind.SpeedupAtNanosecondsPerByte, first.Speedup, AtNanosecondsPerByte: first.NanosecondsPerByte),
            NoLaunches(poolShownFaster: true));
    }

    private static DecisionBasis NoLaunches(bool poolShownFaster) => new(0, 0, null, DecisionReference.None, null, false, poolShownFaster);

    // The kind of work: the question and what tells the group apart.
    private static DecisionWork WorkOf(QuestionResult question, GroupResult group)
    {
        BenchmarkRecord r = group.Rows[0].Record;
        var work = new DecisionWork(question.Class.Question, question.Class.IsCPython);
        return r.Inputs?.Items is int n ? work with { Items = n }
            : r.Inputs?.PayloadBytes is int bytes ? work with { PayloadBytes = bytes }
            : question.Class.Granularity is GranularityRecord g && group.Rows.FirstOrDefault(x => x.Record.IsBaseline) is { IsMeasured: true } baseline
                ? work with { ItemNanoseconds = baseline.Time!.Value.Value / g.ItemsAt(Number(r, g.SizeParameter)) }
            : group.Title.Length == 0 && group.Key.Length > 0 ? work with { GroupKey = group.Key }
            : work;
    }

    private static double Number(BenchmarkRecord record, string name) =>
        double.TryParse(record.Parameter(name), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : 0;
}
