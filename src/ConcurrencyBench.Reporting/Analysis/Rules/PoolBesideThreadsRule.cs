using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Rules;

/// <summary>
/// What the process boundary costs where nothing else differs: each plain pool row against the fixed-threads row of
/// its group that hands out the items in the same order to as many workers, as a ratio of times with its interval.
/// </summary>
internal sealed class PoolBesideThreadsRule : IGuideRule
{
    /// <inheritdoc/>
    public IEnumerable<GuideFinding> Find(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.Questions.SelectMany(q => Find(q, analysis.Settings));
    }

    private static IEnumerable<PoolBesideThreadsFinding> Find(QuestionResult question, StatisticsSettings settings)
    {
        foreach (GroupResult group in question.Groups)
        {
            foreach (RowResult pool in group.Rows.Where(r => r.IsMeasured && r.Record.Role == RowRoles.Pool))
            {
                RowResult? threads = group.Rows.FirstOrDefault(r => r.IsMeasured && r.Record.Role == RowRoles.FixedThreads
                    && r.Record.IsLargestFirst == pool.Record.IsLargestFirst && r.Record.Workers == pool.Record.Workers);
                if (threads is null)
                {
                    continue;
                }

                TimeRatio versus = RowStatistics.Compare(pool, threads, settings);
                if (versus.CanDecide)
                {
                    yield return new PoolBesideThreadsFinding(question, group, pool, threads, versus.Ratio, versus.Verdict);
                }
            }
        }
    }
}
