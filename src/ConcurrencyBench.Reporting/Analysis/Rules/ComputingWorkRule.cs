using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Rules;

/// <summary>
/// Computing work (a .NET strategy comparison that is neither waiting work nor items of varying size), in each group
/// whose fastest row is faster than Sequential: the winners with their speedup beside the schedule's bounds; the rows
/// that do not pay, with the reason; each largest-first row against the same strategy in list order; for work that
/// waits then computes, how close the fastest row came to one latency plus the compute floor; and the pool against a
/// process per item.
/// </summary>
internal sealed class ComputingWorkRule : IGuideRule
{
    /// <inheritdoc/>
    public IEnumerable<GuideFinding> Find(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.Questions.Where(Reads).SelectMany(q => Find(q, analysis.Settings));
    }

    /// <summary>Whether the rule reads <paramref name="question"/>: a .NET strategy comparison of computing work.</summary>
    /// <param name="question">The question.</param>
    public static bool Reads(QuestionResult question) =>
        !question.Class.IsCPython && question.Class.Kind == QuestionKind.StrategyComparison && question.Class.Granularity is null
        && question.Class.IdealTime?.Model != IdealTimeRecord.OneLatency;

    private static IEnumerable<GuideFinding> Find(QuestionResult question, StatisticsSettings settings)
    {
        foreach (GroupResult group in question.Groups.Where(g => g.CanRank && g.Winners.Count > 0))
        {
            RowResult best = group.Fastest!;
            if (best.VersusReference != Separation.Faster)
            {
                continue;
            }

            yield return Winners(question, group, best);

            // Avoid only what the test shows slower than Sequential, or not faster than it and slower than the winners:
            // no row is both used and avoided.
            foreach (RowResult row in group.Rows.Where(r => r.IsMeasured && !r.Record.IsBaseline && !group.Winners.Contains(r) && r.VersusReference is Separation.NotSeparated or Separation.Slower))
            {
                AvoidReason reason = row.Record.Waits == "Async" ? AvoidReason.ItemsRanOneAfterAnother
                    : row.Record.Workers is "One" or "1" ? AvoidReason.RunsOneItemAtATime
                    : AvoidReason.OverheadEatsParallelism;
                yield return new ComputingAvoidFinding(question, row, reason, row.VersusReference!.Value);
            }

            foreach (OrderOfUnequalWorkFinding order in OrderOfUnequalWork(question, group, settings))
            {
                yield return order;
            }

            if (FetchThenCompute(question, group) is FetchThenComputeFinding mixed)
            {
                yield return mixed;
            }

            // Only the rows that start a process per item: another pool row (the same pool in another order) is not one.
            foreach (RowResult row in group.Rows.Where(r => r.IsMeasured && r.Record.Role == RowRoles.ProcessPerItem && !group.Winners.Contains(r) && r.VersusReference == Separation.Faster))
            {
                RowResult? pool = group.Winners.FirstOrDefault(w => RowRoles.IsPool(w.Record.Role));
                if (pool is not null && RowStatistics.Compare(row, pool, settings).Verdict == Separation.Slower)
                {
                    yield return new PreferPoolFinding(question, pool, row);
                }
            }
        }
    }

    private static ComputingWinnersFinding Winners(QuestionResult question, GroupResult group, RowResult best)
    {
        IdealTimeRecord? ideal = question.Class.IdealTime;
        ItemScheduleBounds? bounds = ideal?.ItemCosts is { Count: > 0 } costs
            ? new ItemScheduleBounds(ideal.Cores, ScheduleBounds.Ideal(costs, ideal.Cores), ScheduleBounds.ListOrder(costs, ideal.Cores), ScheduleBounds.LargestFirst(costs, ideal.Cores))
            : null;

        // The figure quoted is the fastest winner's that its schedule allows; one above it is named as disturbed.
        RowResult quoted = group.Winners.Where(w => !w.IsAboveCeiling).MinBy(w => w.Time!.Value.Value) ?? best;
        RowResult[] disturbed = quoted.IsAboveCeiling ? [] : [.. group.Winners.Where(w => w.IsAboveCeiling)];
        return new ComputingWinnersFinding(question, group, group.Winners, best, quoted, disturbed, bounds);
    }

    // Each largest-first row against the same strategy in list order, where the test separates them or says it cannot.
    private static IEnumerable<OrderOfUnequalWorkFinding> OrderOfUnequalWork(QuestionResult question, GroupResult group, StatisticsSettings settings)
    {
        foreach (RowResult largestFirst in group.Rows.Where(r => r.IsMeasured && r.Record.IsLargestFirst))
        {
            if (largestFirst.Record.ListOrderTwin is not string twin || group.Row(twin) is not { IsMeasured: true } listOrder || listOrder.Record.IsLargestFirst)
            {
                continue;
            }

            Separation verdict = RowStatistics.Compare(largestFirst, listOrder, settings).Verdict;
            if (verdict != Separation.TooFewSamples)
            {
                yield return new OrderOfUnequalWorkFinding(question, largestFirst, listOrder, verdict);
            }
        }
    }

    // Work that waits, then computes: the ideal is one latency (the first wait) plus the compute floor, since the later
    // waits can overlap the computing.
    private static FetchThenComputeFinding? FetchThenCompute(QuestionResult question, GroupResult group)
    {
        if (group.Rows.FirstOrDefault(r => r.Record.IsFloor && r.IsMeasured) is not RowResult floor
            || floor.Record.Inputs?.LatencyMilliseconds is not double latencyMs
            || group.Fastest is not RowResult best)
        {
            return null;
        }

        double latencyNs = latencyMs * 1e6;
        double idealNs = latencyNs + floor.Time!.Value.Value;
        return new FetchThenComputeFinding(question, group, floor, latencyNs, idealNs, group.Winners, best, best.Time!.Value.Scale(1 / idealNs));
    }
}
