using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Rules;

/// <summary>
/// Where time does not choose, cost may: in each group, the winner that spent the least CPU per operation over its
/// process tree, and each other winner the test does not separate from it in time but shows to spend more (the
/// launch-by-launch ratio's interval wholly beyond the threshold, as for times). Rows whose launches read too few
/// ticks are not read.
/// </summary>
internal sealed class CheaperRowRule : IGuideRule
{
    /// <inheritdoc/>
    public IEnumerable<GuideFinding> Find(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.Questions.SelectMany(q => Find(q, analysis.Settings));
    }

    private static IEnumerable<CheaperRowFinding> Find(QuestionResult question, StatisticsSettings settings)
    {
        // A ratio of two rows' readings carries both rows' noise: the class's prior for one row's readings, doubled.
        TrialVariancePrior level = RowCost.Prior(question);
        var prior = new TrialVariancePrior(level.Variance * 2, level.DegreesOfFreedom);
        foreach (GroupResult group in question.Groups.Where(g => g.CanRank))
        {
            (RowResult Row, IReadOnlyList<double> Cpu)[] winners = [.. group.Winners.Where(w => !w.Record.IsFloor)
                .Select(w => (Row: w, Cpu: RowCost.IntervalReadings(w)))
                .Where(x => x.Cpu is not null)
                .Select(x => (x.Row, x.Cpu!))
                .OrderBy(x => x.Row.Time!.Value.Value)];
            if (winners.Length < 2)
            {
                continue;
            }

            // The cheapest by its launches' geometric mean; every other winner the test does not separate from it in
            // time, but shows to spend more CPU.
            (RowResult cheapest, IReadOnlyList<double> least) = winners.MinBy(x => x.Cpu.Average(Math.Log));
            var costlier = new List<(RowResult, Estimate)>();
            foreach ((RowResult row, IReadOnlyList<double> cpu) in winners.Where(x => x.Row != cheapest))
            {
                if (cpu.Count == least.Count && RowStatistics.Compare(row, cheapest, settings).Verdict == Separation.NotSeparated
                    && TrialEstimate.Ratio(cpu, least, prior, settings) is (Estimate ratio, Separation.Slower))
                {
                    costlier.Add((row, ratio));
                }
            }

            if (costlier.Count > 0)
            {
                yield return new CheaperRowFinding(question, group, cheapest, costlier);
            }
        }
    }
}
