using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Rules;

/// <summary>
/// Moving data (a .NET data-movement question): at the smallest and the largest payload, the fastest like-for-like
/// transports (the one-way rows, read against the in-process copy and checksum) and the others.
/// </summary>
internal sealed class MovingDataRule : IGuideRule
{
    /// <inheritdoc/>
    public IEnumerable<GuideFinding> Find(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.Questions.Where(Reads).SelectMany(q => Find(q, analysis.Settings));
    }

    /// <summary>Whether the rule reads <paramref name="question"/>: a .NET data-movement question.</summary>
    /// <param name="question">The question.</param>
    public static bool Reads(QuestionResult question) => !question.Class.IsCPython && question.Class.Kind == QuestionKind.DataMovement;

    private static IEnumerable<MovingDataFinding> Find(QuestionResult question, StatisticsSettings settings)
    {
        var sized = question.Groups
            .Select(g => (Group: g, Bytes: g.Rows[0].Record.Inputs?.PayloadBytes))
            .Where(g => g.Bytes is not null)
            .OrderBy(g => g.Bytes)
            .ToArray();
        foreach ((GroupResult group, int? bytes) in new[] { sized.FirstOrDefault(), sized.LastOrDefault() }.Where(g => g.Group is not null).Distinct())
        {
            RowResult[] oneWay = [.. group.Rows.Where(r => r.IsMeasured && r.IsLikeForLike)];
            if (oneWay.Length == 0 || !group.CanRank)
            {
                continue;
            }

            RowResult best = oneWay.MinBy(r => r.Time!.Value.Value)!;
            RowResult[] tied = [.. oneWay.Where(r => r == best || RowStatistics.Compare(r, best, settings).Verdict == Separation.NotSeparated)];
            yield return new MovingDataFinding(question, group, bytes!.Value, best, tied, [.. oneWay.Except(tied).OrderBy(r => r.Time!.Value.Value)]);
        }
    }
}
