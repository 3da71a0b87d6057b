using ConcurrencyBench.Reporting.Analysis.Decisions;
using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Rules;

/// <summary>
/// Waiting work (a .NET strategy comparison whose ideal is one latency): at the largest N where the fastest row still
/// waits for every call in about one latency (its efficiency's lower bound at least 0.5), the winners and the rows to
/// avoid with the reason; the fastest row against the calls' own timers, where a floor was measured; and, where a
/// larger N could be ranked but even its fastest row is far from one latency, that this N is past what waiting explains.
/// </summary>
internal sealed class WaitingWorkRule : IGuideRule
{
    /// <inheritdoc/>
    public IEnumerable<GuideFinding> Find(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.Questions.Where(Reads).SelectMany(q => Find(q, analysis.Settings));
    }

    /// <summary>Whether the rule reads <paramref name="question"/>: a .NET strategy comparison of waiting work.</summary>
    /// <param name="question">The question.</param>
    public static bool Reads(QuestionResult question) =>
        !question.Class.IsCPython && question.Class.Kind == QuestionKind.StrategyComparison && question.Class.Granularity is null
        && question.Class.IdealTime?.Model == IdealTimeRecord.OneLatency;

    private static IEnumerable<GuideFinding> Find(QuestionResult question, StatisticsSettings settings)
    {
        GroupResult[] ranked = [.. question.Groups
            .Where(g => g.CanRank && g.Winners.Count > 0 && g.Rows[0].Record.Inputs?.Items is not null)
            .OrderBy(g => g.Rows[0].Record.Inputs!.Items)];
        GroupResult? group = ranked.LastOrDefault(g => g.Fastest!.Efficiency?.Lower >= 0.5);
        if (group is not null)
        {
            int n = group.Rows[0].Record.Inputs!.Items!.Value;
            RowResult best = group.Fastest!;
            yield return new WaitingWinnersFinding(question, group, group.Winners, best);
            foreach (RowResult row in group.Rows.Where(r => r.IsMeasured && !group.Winners.Contains(r) && r.Efficiency?.Upper < 0.5))
            {
                if (Reason(row, n) is AvoidReason reason
                    && RowStatistics.Compare(row, best, settings).Verdict == Separation.Slower)
                {
                    yield return new WaitingAvoidFinding(question, row, best, n, reason, reason == AvoidReason.AtMostKAtOnce ? row.Record.Inputs!.AtOnce : null);
                }
            }
        }

        if (TimersFloor(question, ranked, settings) is TimersFloorFinding floor)
        {
            yield return floor;
        }

        if (ranked.Length > 0 && ranked[^1] != group && ranked[^1].Fastest!.Efficiency?.Upper < 0.5)
        {
            yield return new BeyondWaitingFinding(question, ranked[^1], ranked[^1].Fastest!);
        }
    }

    // The largest N with a measured floor (the calls' own timers, nothing around them): the fastest row against it.
    private static TimersFloorFinding? TimersFloor(QuestionResult question, GroupResult[] ranked, StatisticsSettings settings)
    {
        GroupResult? group = ranked.LastOrDefault(g => g.Rows.Any(r => r.Record.IsFloor && r.IsMeasured));
        if (group?.Rows.First(r => r.Record.IsFloor && r.IsMeasured) is not RowResult floor
            || group.Fastest is not RowResult best
            || RowStatistics.Compare(best, floor, settings) is not { CanDecide: true } versus)
        {
            return null;
        }

        return new TimersFloorFinding(question, group, floor, best, versus.Ratio, versus.Verdict);
    }

    // The reason its roles give; "at most K at once" only where K is fewer than the calls.
    private static AvoidReason? Reason(RowResult row, int n) => AvoidReasons.OfWaiting(row) switch
    {
        AvoidReason.AtMostKAtOnce when row.Record.Inputs?.AtOnce is not int k || k >= n => null,
        var reason => reason,
    };
}
