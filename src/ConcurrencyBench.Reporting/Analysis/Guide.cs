using System.Globalization;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;
using ConcurrencyBench.Reporting.Writing;

namespace ConcurrencyBench.Reporting.Analysis;

/// <summary>
/// The generated guide: "for work like this, use …; avoid … because …". Each rule reads the run's figures and says
/// nothing when they do not support it (too few samples, no separation, a row not measured).
/// </summary>
public static class Guide
{
    /// <summary>Every sentence the run's figures support, in the order of the rules.</summary>
    /// <param name="analysis">The run.</param>
    public static IReadOnlyList<string> Sentences(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return [.. analysis.Questions.SelectMany(q => q.Class.Kind switch
        {
            QuestionKind.StrategyComparison when q.Class.IdealTime?.Model == IdealTimeRecord.OneLatency => WaitingWork(q, analysis.Settings),
            QuestionKind.StrategyComparison => ComputingWork(q, analysis.Settings),
            QuestionKind.DataMovement => MovingData(q, analysis.Settings),
            QuestionKind.Crossover => Crossover(q),
            _ => Baselines(q),
        })];
    }

    /// <summary>Waiting work: at the largest N that can be ranked, the winners, and the rows to avoid with the reason.</summary>
    /// <param name="question">A strategy comparison of waiting work.</param>
    /// <param name="settings">The run's statistics settings.</param>
    public static IEnumerable<string> WaitingWork(QuestionResult question, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(question);
        GroupResult? group = question.Groups
            .Where(g => g.CanRank && g.Winners.Count > 0 && IntParameter(g.Rows[0].Record, "N") is not null)
            .MaxBy(g => IntParameter(g.Rows[0].Record, "N"));
        if (group is null)
        {
            yield break;
        }

        int n = IntParameter(group.Rows[0].Record, "N")!.Value;
        RowResult best = group.Fastest!;
        if (best.Efficiency is Estimate e && e.Lower is double lower && lower >= 0.5)
        {
            yield return $"**Work that waits** ({question.Class.Question}; {group.Title}): use {Names(group.Winners)}{NotSeparatedNote(group.Winners)}. "
                + $"{best.Method} took {Units.Time(best.Time!.Value)} against an ideal of one latency (efficiency {Units.Ratio(best.Efficiency)}).";
        }

        foreach (RowResult row in group.Rows.Where(r => r.IsMeasured && !group.Winners.Contains(r) && r.Efficiency?.Upper < 0.5))
        {
            if (WaitingReason(row, n) is string reason
                && SeparationTest.Compare(row.Measured!.Samples, best.Measured!.Samples, settings) == Separation.Slower)
            {
                yield return $"Avoid {row.Method} for {n} waits: efficiency {Units.Ratio(row.Efficiency)}, because {reason}.";
            }
        }
    }

    /// <summary>Computing work: the winners with their speedup beside the schedule's bounds, and the rows that do not pay.</summary>
    /// <param name="question">A strategy comparison of computing work.</param>
    /// <param name="settings">The run's statistics settings.</param>
    public static IEnumerable<string> ComputingWork(QuestionResult question, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(question);
        foreach (GroupResult group in question.Groups.Where(g => g.CanRank && g.Winners.Count > 0))
        {
            RowResult best = group.Fastest!;
            if (best.VersusReference != Separation.Faster)
            {
                continue;
            }

            IdealTimeRecord? ideal = question.Class.IdealTime;
            string bounds = ideal?.ItemCosts is { Count: > 0 } costs
                ? string.Create(CultureInfo.InvariantCulture, $" (on {ideal.Cores} cores the items allow at most {Units.Number(ScheduleBounds.Ideal(costs, ideal.Cores))}; taken in list order, {Units.Number(ScheduleBounds.ListOrder(costs, ideal.Cores))})")
                : "";
            yield return $"**Work that computes** ({question.Class.Question}; {group.Title}): use {Names(group.Winners)}{NotSeparatedNote(group.Winners)}: "
                + $"speedup {Units.Ratio(best.Speedup)} over Sequential{bounds}.";
            foreach (RowResult row in group.Rows.Where(r => r.IsMeasured && !r.Record.IsBaseline && r.VersusReference is Separation.NotSeparated or Separation.Slower))
            {
                string verdict = row.VersusReference == Separation.Slower ? "slower than" : "not separated from";
                string reason = row.Record.Waits == "Async"
                    ? "asynchronous code that computes without awaiting runs its items one after another on the calling thread"
                    : row.Record.Workers == "One" ? "it runs one item at a time" : "its overhead eats the parallelism";
                yield return $"Avoid {row.Method} for computing work: speedup {Units.Ratio(row.Speedup)}, {verdict} Sequential, because {reason}.";
            }

            foreach (RowResult row in group.Rows.Where(r => r.IsMeasured && r.Record.Waits == "Process" && r.Record.Workers != "One" && !group.Winners.Contains(r) && r.VersusReference == Separation.Faster))
            {
                RowResult? pool = group.Winners.FirstOrDefault(w => w.Record.Waits == "Process");
                if (pool is not null && SeparationTest.Compare(row.Measured!.Samples, pool.Measured!.Samples, settings) == Separation.Slower)
                {
                    yield return $"Prefer {pool.Method} to {row.Method}: speedup {Units.Ratio(pool.Speedup)} against {Units.Ratio(row.Speedup)}, because {row.Method} starts a process for every item.";
                }
            }
        }
    }

    /// <summary>Moving data: per payload size, the fastest like-for-like transport and its share of the in-process floor.</summary>
    /// <param name="question">A data-movement question.</param>
    /// <param name="settings">The run's statistics settings.</param>
    public static IEnumerable<string> MovingData(QuestionResult question, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(question);
        var sized = question.Groups
            .Select(g => (Group: g, Bytes: IntParameter(g.Rows[0].Record, "PayloadBytes")))
            .Where(g => g.Bytes is not null)
            .OrderBy(g => g.Bytes)
            .ToArray();
        foreach ((GroupResult group, int? bytes) in new[] { sized.FirstOrDefault(), sized.LastOrDefault() }.Where(g => g.Group is not null).Distinct())
        {
            RowResult[] oneWay = [.. group.Rows.Where(r => r.IsMeasured && r.Record.ComparedWith is not null && !r.Record.IsFloor)];
            if (oneWay.Length == 0 || !group.CanRank)
            {
                continue;
            }

            RowResult best = oneWay.MinBy(r => r.Time!.Value.Value)!;
            var tied = oneWay.Where(r => r == best || SeparationTest.Compare(r.Measured!.Samples, best.Measured!.Samples, settings) == Separation.NotSeparated).ToArray();
            string others = string.Join("; ", oneWay.Except(tied).OrderBy(r => r.Time!.Value.Value).Select(r => $"{r.Method} {Units.Ratio(r.GigabytesPerSecond)} GB/s"));
            yield return $"**Moving {Units.Bytes(bytes!.Value)}** to another process (delivered, and every byte read there): {Names(tied)}{NotSeparatedNote(tied)} at "
                + $"{Units.Ratio(best.GigabytesPerSecond)} GB/s, {Units.Ratio(best.Speedup)} of the in-process copy and checksum's speed"
                + (others.Length > 0 ? $"; then {others}." : ".");
        }
    }

    /// <summary>Copy versus compute: one sentence per transport on where its pool pays off.</summary>
    /// <param name="question">A crossover question.</param>
    public static IEnumerable<string> Crossover(QuestionResult question)
    {
        ArgumentNullException.ThrowIfNull(question);
        foreach (IGrouping<string, CrossoverPoint> transport in CrossoverPoint.Of(question).GroupBy(p => p.Transport))
        {
            var parts = new List<string>();
            foreach (IGrouping<int, CrossoverPoint> size in transport.GroupBy(p => p.PayloadBytes).OrderBy(s => s.Key))
            {
                CrossoverPoint? first = size.OrderBy(p => p.Passes).FirstOrDefault(p => p.Verdict == Separation.Faster);
                CrossoverPoint heaviest = size.MaxBy(p => p.Passes)!;
                if (first is not null)
                {
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"from {Units.Number(first.NanosecondsPerByte)} ns of compute per byte at {Units.Bytes(size.Key)} payloads (speedup {Units.Ratio(first.Speedup)})"));
                }
                else if (heaviest.Verdict is Separation.Slower or Separation.NotSeparated)
                {
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"not even at {Units.Number(heaviest.NanosecondsPerByte)} ns per byte at {Units.Bytes(size.Key)} payloads"));
                }
            }

            if (parts.Count > 0)
            {
                yield return $"**Copy versus compute**: through {transport.Key}, a pool of worker processes is significantly faster than computing in process {string.Join("; ", parts)}.";
            }
        }
    }

    /// <summary>Rows against a baseline (process starts, round trips, serialization): what is significantly faster than its baseline, and what a floor costs.</summary>
    /// <param name="question">A baseline comparison.</param>
    public static IEnumerable<string> Baselines(QuestionResult question)
    {
        ArgumentNullException.ThrowIfNull(question);
        foreach (GroupResult group in question.Groups)
        {
            foreach (RowResult row in group.Rows.Where(r => r.IsMeasured && !r.Record.IsFloor && r.Reference is { IsMeasured: true } && r.VersusReference is Separation.Faster or Separation.Slower))
            {
                RowResult reference = row.Reference!;
                string relation = row.VersusReference == Separation.Faster ? "faster" : "slower";
                string timeShare = Units.Ratio(row.Speedup is Estimate s ? new Estimate(1 / s.Value, 1 / s.Upper, 1 / s.Lower) : null);
                yield return $"{question.Class.Question}: {row.Method} is {relation} than {reference.Method}{(reference.Record.IsFloor ? " (the floor)" : "")}: "
                    + $"{Units.Time(row.Time!.Value)} against {Units.Time(reference.Time!.Value)}, {timeShare} of its time.";
            }
        }
    }

    private static string? WaitingReason(RowResult row, int n)
    {
        BenchmarkRecord r = row.Record;
        return (r.Workers, r.Waits) switch
        {
            ("One", _) => "it waits for one call at a time",
            ("K", "Process") or ("PerItem", "Process") when r.Method.Contains("PerItem", StringComparison.Ordinal) => "every call starts a worker process",
            ("K", _) when IntParameter(r, "K") is int k && k < n => string.Create(CultureInfo.InvariantCulture, $"at most K={k} calls wait at once, so {n} calls take about {(n + k - 1) / k} latencies"),
            ("PerItem", "Blocking") => "every waiting call holds a thread, and threads start slowly once the pool's minimum is used up"
                + (r.Facts?.PeakThreads is int peak ? string.Create(CultureInfo.InvariantCulture, $" (up to {peak} threads at once)") : ""),
            _ => null,
        };
    }

    private static int? IntParameter(BenchmarkRecord record, string name) =>
        int.TryParse(record.Parameter(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null;

    private static string Names(IEnumerable<RowResult> rows) => string.Join(", ", rows.OrderBy(r => r.Time!.Value.Value).Select(r => r.Method));

    private static string NotSeparatedNote(IReadOnlyCollection<RowResult> rows) => rows.Count > 1 ? " (not separated from each other)" : "";
}
