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
    /// <summary>
    /// The smallest payload whose pipe echo the guide quotes as a bandwidth (1 MiB): below it a call's fixed cost, not
    /// the copy, sets the time of an echo.
    /// </summary>
    public const int BandwidthPayloadBytes = 1 << 20;

    /// <summary>Every sentence the run's figures support, in the order of the rules.</summary>
    /// <param name="analysis">The run.</param>
    public static IReadOnlyList<string> Sentences(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return [.. analysis.Questions.Where(q => !q.Class.IsCPython).SelectMany(q => q.Class.Kind switch
        {
            QuestionKind.StrategyComparison when GranularityResult.Of(q) is GranularityResult granularity => Granularity(granularity),
            QuestionKind.StrategyComparison when q.Class.IdealTime?.Model == IdealTimeRecord.OneLatency => WaitingWork(q, analysis.Settings),
            QuestionKind.StrategyComparison => ComputingWork(q, analysis.Settings),
            QuestionKind.DataMovement => MovingData(q, analysis.Settings),
            QuestionKind.Crossover => Crossover(q),
            _ => Baselines(q),
        }), .. analysis.Questions.SelectMany(q => CrossingToACluster(q, analysis.Settings)), .. CPythonBesideDotNet(analysis)];
    }

    /// <summary>
    /// Crossing to a cluster: each cluster row against the process pool of its group, as a ratio of times with its
    /// interval. On one machine the silos share its cores, so the rows measure what distribution costs.
    /// </summary>
    /// <param name="question">Any question; only groups with a cluster row and a pool row say something.</param>
    /// <param name="settings">The run's statistics settings.</param>
    public static IEnumerable<string> CrossingToACluster(QuestionResult question, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (GroupResult group in question.Groups)
        {
            RowResult? pool = group.Rows.FirstOrDefault(r => r.IsMeasured && r.Record.Role == RowRoles.Pool && !r.Record.IsLargestFirst);
            if (pool is null)
            {
                continue;
            }

            // Like for like: a cluster row that runs as many items at once as the pool (one worker on one silo is
            // Sequential's rival, not the pool's).
            foreach (RowResult cluster in group.Rows.Where(r => r.IsMeasured && r.Record.Role == RowRoles.Cluster
                && (r.Record.Workers == pool.Record.Workers || (int.TryParse(r.Record.Workers, NumberStyles.Integer, CultureInfo.InvariantCulture, out int w) && pool.Record.Inputs?.AtOnce == w))))
            {
                TimeRatio versus = RowStatistics.Compare(cluster, pool, settings);
                if (!versus.CanDecide)
                {
                    continue;
                }

                (Estimate ratio, Separation verdict) = (versus.Ratio, versus.Verdict);
                yield return $"**Crossing to a cluster** ({Short(question)}{(group.Title.Length > 0 ? ", " + group.Title : "")}): {cluster.Method} took {Units.Ratio(ratio)} times the time of {pool.Method} "
                    + $"({Units.Time(cluster.Time!.Value)} against {Units.Time(pool.Time!.Value)}; {SeparationTest.Describe(verdict).ToLowerInvariant()}{(verdict is Separation.Faster or Separation.Slower ? " than the pool" : "")}).{(cluster.Record.Facts?.Cluster?.Existing == true ? " Its silos were an existing cluster's." : " On one machine its silos share the same cores: this is what distribution costs, not what more machines would gain.")}";
            }
        }
    }

    /// <summary>
    /// CPython beside .NET, where the figures show it: threads that do not speed up computing work in CPython (the GIL)
    /// while they do in .NET; asyncio and Task.WhenAll both waiting for every call in about one latency; what a process
    /// start and a pipe echo cost in each.
    /// </summary>
    /// <param name="analysis">The run.</param>
    public static IEnumerable<string> CPythonBesideDotNet(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        CPythonRecord? interpreter = analysis.Run.CPython;
        string python = interpreter?.Version is string v ? $"CPython {v}" : "CPython";
        BesidePair[] pairs = [.. BesidePair.Of(analysis).Where(p => p.CPython.IsMeasured && p.DotNet is { IsMeasured: true })];
        // The pipe echo at the largest payload both sides measured, if that payload is large enough to read as a bandwidth.
        int? echoBytes = pairs.Where(p => p.Question.Class.Kind == QuestionKind.DataMovement).Max(p => p.CPython.Record.Inputs?.PayloadBytes);
        foreach (BesidePair pair in pairs)
        {
            RowResult py = pair.CPython, net = pair.DotNet!;
            switch (pair.Question.Class.Kind)
            {
                case QuestionKind.StrategyComparison when pair.Question.Class.IdealTime?.Model == IdealTimeRecord.WorkOverCores
                    && py.Record.Waits == "BlockingPool" && py.VersusReference is Separation.NotSeparated or Separation.Slower && net.VersusReference == Separation.Faster:
                    yield return $"**CPython beside .NET, computing work**: in {python} threads {(py.VersusReference == Separation.Slower ? "slow the prime checks down" : "are not shown to speed up the prime checks")} ({py.Method}: speedup {Units.Ratio(py.Speedup)}, {SeparationTest.Describe(py.VersusReference!.Value)} against its Sequential{(interpreter?.GilEnabled == true ? ": the GIL lets one thread run Python code at a time" : "")}); in .NET {net.Method} reaches {Units.Ratio(net.Speedup)}.";
                    break;
                case QuestionKind.StrategyComparison when pair.Question.Class.IdealTime?.Model == IdealTimeRecord.WorkOverCores
                    && py.Record.Waits == "Process" && py.VersusReference == Separation.Faster:
                    yield return $"**CPython beside .NET, computing work**: in {python} it takes processes to use the cores ({py.Method}: speedup {Units.Ratio(py.Speedup)}); .NET's {net.Method} reaches {Units.Ratio(net.Speedup)}.";
                    break;
                case QuestionKind.StrategyComparison when py.Record.Waits == "Async" && py.Efficiency?.Lower >= 0.8 && net.Efficiency?.Lower >= 0.8:
                    yield return $"**CPython beside .NET, waiting work** ({py.Record.ParameterText}): asyncio and Task.WhenAll both wait for every call in about one latency: {py.Method} {Units.Time(py.Time!.Value)} (efficiency {Units.Ratio(py.Efficiency)}), {net.Method} {Units.Time(net.Time!.Value)} (efficiency {Units.Ratio(net.Efficiency)}).";
                    break;
                case QuestionKind.DataMovement when echoBytes >= BandwidthPayloadBytes && py.Record.Inputs?.PayloadBytes == echoBytes:
                    yield return $"**CPython beside .NET, moving data**: an echo of {Units.Bytes(echoBytes.Value)} through {python}'s multiprocessing.Pipe moves {Units.Ratio(py.GigabytesPerSecond)} GB/s (both directions counted); through the .NET worker's pipes ({net.Method}) {Units.Ratio(net.GigabytesPerSecond)} GB/s.";
                    break;
                case QuestionKind.BaselineComparison:
                    yield return $"**CPython beside .NET, starting processes**: a process started and joined in {python} (start method {interpreter?.StartMethod ?? "?"}) takes {Units.Time(py.Time!.Value)}; a NativeAOT .NET worker started, handshaken and ended ({net.Method}) {Units.Time(net.Time!.Value)}.";
                    break;
            }
        }
    }

    /// <summary>
    /// Waiting work: at the largest N where the fastest row still waits for every call in about one latency (its
    /// efficiency's lower bound at least 0.5), the winners and the rows to avoid with the reason; and, where a larger N
    /// could be ranked but even its fastest row is far from one latency, that this N is past what waiting alone explains.
    /// </summary>
    /// <param name="question">A strategy comparison of waiting work.</param>
    /// <param name="settings">The run's statistics settings.</param>
    public static IEnumerable<string> WaitingWork(QuestionResult question, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(question);
        GroupResult[] ranked = [.. question.Groups
            .Where(g => g.CanRank && g.Winners.Count > 0 && g.Rows[0].Record.Inputs?.Items is not null)
            .OrderBy(g => g.Rows[0].Record.Inputs!.Items)];
        GroupResult? group = ranked.LastOrDefault(g => g.Fastest!.Efficiency?.Lower >= 0.5);
        if (group is not null)
        {
            int n = group.Rows[0].Record.Inputs!.Items!.Value;
            RowResult best = group.Fastest!;
            yield return $"**{Short(question)}** ({group.Title}): use {Names(group.Winners)}{NotSeparatedNote(group.Winners)}. "
                + $"{best.Method} took {Units.Time(best.Time!.Value)} against an ideal of one latency (efficiency {Units.Ratio(best.Efficiency)}).";
            foreach (RowResult row in group.Rows.Where(r => r.IsMeasured && !group.Winners.Contains(r) && r.Efficiency?.Upper < 0.5))
            {
                if (WaitingReason(row, n) is string reason
                    && RowStatistics.Compare(row, best, settings).Verdict == Separation.Slower)
                {
                    yield return $"Avoid {row.Method} for {n} waits: efficiency {Units.Ratio(row.Efficiency)}, because {reason}.";
                }
            }
        }

        if (TimersFloor(question, ranked, settings) is string floor)
        {
            yield return floor;
        }

        if (ranked.Length > 0 && ranked[^1] != group && ranked[^1].Fastest!.Efficiency?.Upper < 0.5)
        {
            GroupResult largest = ranked[^1];
            RowResult best = largest.Fastest!;
            yield return $"**{Short(question)}** ({largest.Title}): even the fastest row, {best.Method}, took {Units.Time(best.Time!.Value)} "
                + $"against one latency (efficiency {Units.Ratio(best.Efficiency)}): at this N the cost of the calls themselves, not their waiting, sets the time.";
        }
    }

    /// <summary>
    /// Waiting work at the largest N with a measured floor (the calls' own timers, nothing around them): how far the
    /// floor itself is from one latency, and how far the fastest row is from the floor, where the test can decide.
    /// </summary>
    private static string? TimersFloor(QuestionResult question, GroupResult[] ranked, StatisticsSettings settings)
    {
        GroupResult? group = ranked.LastOrDefault(g => g.Rows.Any(r => r.Record.IsFloor && r.IsMeasured));
        if (group?.Rows.First(r => r.Record.IsFloor && r.IsMeasured) is not RowResult floor
            || group.Fastest is not RowResult best
            || RowStatistics.Compare(best, floor, settings) is not { CanDecide: true } versus)
        {
            return null;
        }

        (Estimate ratio, Separation verdict) = (versus.Ratio, versus.Verdict);
        string reading = verdict switch
        {
            Separation.NotSeparated => "the strategy is not shown to add to what the timers alone take (the interval bounds what it may add)",
            Separation.Slower => "beyond one latency, part is the timers' and the rest is the strategy's",
            _ => "",
        };
        return $"**{Short(question)}** ({group.Title}): the calls' own timers alone ({floor.Method}, the floor: no strategy around them) took {Units.Time(floor.Time!.Value)} "
            + $"(efficiency {Units.Ratio(floor.Efficiency)} against one latency); {best.Method} took {Units.Ratio(ratio)} times the floor "
            + $"({SeparationTest.Describe(verdict).ToLowerInvariant()}{(verdict is Separation.Faster or Separation.Slower ? " than the floor" : "")}){(reading.Length > 0 ? ": " + reading : "")}.";
    }

    /// <summary>
    /// Work that waits, then computes: its ideal is one latency (the first wait) plus the compute floor (all the
    /// computing on every core), since the later waits can overlap the computing; how close the fastest row came.
    /// </summary>
    private static string? FetchThenCompute(QuestionResult question, GroupResult group)
    {
        if (group.Rows.FirstOrDefault(r => r.Record.IsFloor && r.IsMeasured) is not RowResult floor
            || floor.Record.Inputs?.LatencyMilliseconds is not double latencyMs
            || group.Fastest is not RowResult best)
        {
            return null;
        }

        double idealNs = (latencyMs * 1e6) + floor.Time!.Value.Value;
        return $"**{Short(question)}** ({group.Title}): the ideal is one latency plus the compute floor ({floor.Method}): {Units.Time(latencyMs * 1e6)} + {Units.Time(floor.Time!.Value.Value)} = {Units.Time(idealNs)}; "
            + $"{Names(group.Winners)} came closest, {best.Method} at {Units.Time(best.Time!.Value)}, {Units.Ratio(best.Time!.Value.Scale(1 / idealNs))} times the ideal.";
    }

    /// <summary>
    /// The order of unequal work: each largest-first row against the same strategy in list order, where the test
    /// separates them (or says it cannot), with the bounds of both schedules.
    /// </summary>
    private static IEnumerable<string> OrderOfUnequalWork(QuestionResult question, GroupResult group, StatisticsSettings settings)
    {
        foreach (RowResult largestFirst in group.Rows.Where(r => r.IsMeasured && r.Record.IsLargestFirst))
        {
            if (largestFirst.Record.ListOrderTwin is not string twin || group.Row(twin) is not { IsMeasured: true } listOrder || listOrder.Record.IsLargestFirst)
            {
                continue;
            }

            Separation verdict = RowStatistics.Compare(largestFirst, listOrder, settings).Verdict;
            if (verdict == Separation.TooFewSamples)
            {
                continue;
            }

            string bounds = largestFirst.ScheduleBound is double lf && listOrder.ScheduleBound is double lo
                ? string.Create(CultureInfo.InvariantCulture, $" (the bounds of the two orders: {Units.Number(lf)} and {Units.Number(lo)})")
                : "";
            string figures = $"speedup {Units.Ratio(largestFirst.Speedup)}{DisturbedMark(largestFirst)} against {Units.Ratio(listOrder.Speedup)}{DisturbedMark(listOrder)} in list order{bounds}";
            yield return verdict switch
            {
                Separation.Faster => $"**{Short(question)}, the order of unequal items**: hand out the largest first: {largestFirst.Method} is faster than {listOrder.Method}, {figures}.",
                Separation.Slower => $"**{Short(question)}, the order of unequal items**: {largestFirst.Method} is slower than {listOrder.Method}, {figures}.",
                _ => $"**{Short(question)}, the order of unequal items**: {largestFirst.Method} is not separated from {listOrder.Method}, {figures}.",
            };
        }
    }

    /// <summary>
    /// Task granularity: for each row, the smallest measured item that pays (efficiency at least 0.8 at its lower
    /// bound) and the next smaller one, where its overhead per item eats the gain; rows that never pay, named.
    /// </summary>
    /// <param name="granularity">A granularity reading.</param>
    public static IEnumerable<string> Granularity(GranularityResult granularity)
    {
        ArgumentNullException.ThrowIfNull(granularity);
        string unit = granularity.Question.Class.Granularity!.Unit;
        var paying = granularity.Rows.Where(r => r.SmallestPaying is not null).OrderBy(r => r.SmallestPaying!.Size).ToArray();
        if (paying.Length > 0)
        {
            yield return $"**{Short(granularity.Question)}**: a row pays (efficiency at least {Units.Number(GranularityResult.PayingEfficiency)} at its lower bound) from items of "
                + string.Join("; ", paying.Select(r =>
                {
                    GranularityPoint p = r.SmallestPaying!;
                    string below = r.LargestNotPaying is GranularityPoint b ? $", not at {Units.Time(b.ItemNanoseconds)} ({Units.Ratio(b.Efficiency)})" : "";
                    return string.Create(CultureInfo.InvariantCulture, $"{Units.Time(p.ItemNanoseconds)} for {r.Method} ({p.Size:#,0} {unit}: {Units.Ratio(p.Efficiency)}{below})");
                }))
                + ". Below that size a row's efficiency is not shown to reach it"
                + (paying.Where(r => r.LargestNotPaying?.Efficiency.Upper < 0.5).Select(r => r.Method).ToArray() is { Length: > 0 } outweighed
                    ? $"; for {string.Join(", ", outweighed)} the cost per item outweighs the item's work there (efficiency under 0.5 even at its upper bound)."
                    : ".");
        }

        string[] never = [.. granularity.Rows.Where(r => r.SmallestPaying is null && r.Points.Count > 0).Select(r => r.Method)];
        if (never.Length > 0)
        {
            GranularityPoint largest = granularity.Rows.SelectMany(r => r.Points).MaxBy(p => p.Size)!;
            yield return $"**{Short(granularity.Question)}**: {string.Join(", ", never)} reached an efficiency of {Units.Number(GranularityResult.PayingEfficiency)} (at its lower bound) at no measured size, up to items of {Units.Time(largest.ItemNanoseconds)}.";
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
                ? string.Create(CultureInfo.InvariantCulture, $" (on {ideal.Cores} cores the items allow at most {Units.Number(ScheduleBounds.Ideal(costs, ideal.Cores))}; taken in list order, {Units.Number(ScheduleBounds.ListOrder(costs, ideal.Cores))}; largest first, {Units.Number(ScheduleBounds.LargestFirst(costs, ideal.Cores))})")
                : "";
            // The figure quoted is the fastest winner's that its schedule allows; one above it is named as disturbed.
            RowResult quoted = group.Winners.Where(w => !w.IsAboveCeiling).MinBy(w => w.Time!.Value.Value) ?? best;
            string disturbed = string.Join("; ", group.Winners.Where(w => w.IsAboveCeiling).Select(w => $"{w.Method}'s {Units.Ratio(w.Speedup)}{DisturbedMark(w)}"));
            yield return $"**{Short(question)}**{(group.Title.Length > 0 ? " (" + group.Title + ")" : "")}: use {Names(group.Winners)}{NotSeparatedNote(group.Winners)}: "
                + $"{(ReferenceEquals(quoted, best) ? "" : quoted.Method + "'s ")}speedup {Units.Ratio(quoted.Speedup)} over Sequential{DisturbedMark(quoted)}{bounds}{(disturbed.Length > 0 && !quoted.IsAboveCeiling ? "; " + disturbed : "")}.";
            // Avoid only what the test shows slower than Sequential, or not faster than it and slower than the winners:
            // no row is both used and avoided.
            foreach (RowResult row in group.Rows.Where(r => r.IsMeasured && !r.Record.IsBaseline && !group.Winners.Contains(r) && r.VersusReference is Separation.NotSeparated or Separation.Slower))
            {
                string verdict = row.VersusReference == Separation.Slower ? "slower than" : "not shown faster than";
                string reason = row.Record.Waits == "Async"
                    ? "its items ran one after another: asynchronous code overlaps only what it awaits, and this work's asynchronous form awaits nothing that takes time"
                    : row.Record.Workers is "One" or "1" ? "it runs one item at a time" : "its overhead eats the parallelism";
                yield return $"Avoid {row.Method} for {Short(question).ToLowerInvariant()}: speedup {Units.Ratio(row.Speedup)}, {verdict} Sequential, because {reason}.";
            }

            foreach (string sentence in OrderOfUnequalWork(question, group, settings))
            {
                yield return sentence;
            }

            if (FetchThenCompute(question, group) is string mixed)
            {
                yield return mixed;
            }

            // Only the rows that start a process per item: another pool row (the same pool in another order) is not one.
            foreach (RowResult row in group.Rows.Where(r => r.IsMeasured && r.Record.Role == RowRoles.ProcessPerItem && !group.Winners.Contains(r) && r.VersusReference == Separation.Faster))
            {
                RowResult? pool = group.Winners.FirstOrDefault(w => w.Record.Role == RowRoles.Pool);
                if (pool is not null && RowStatistics.Compare(row, pool, settings).Verdict == Separation.Slower)
                {
                    yield return $"Prefer {pool.Method} to {row.Method}: speedup {Units.Ratio(pool.Speedup)}{DisturbedMark(pool)} against {Units.Ratio(row.Speedup)}, because {row.Method} starts a process for every item.";
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
            .Select(g => (Group: g, Bytes: g.Rows[0].Record.Inputs?.PayloadBytes))
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
            var tied = oneWay.Where(r => r == best || RowStatistics.Compare(r, best, settings).Verdict == Separation.NotSeparated).ToArray();
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
            var wins = new List<string>();
            var never = new List<string>();
            foreach (IGrouping<int, CrossoverPoint> size in transport.GroupBy(p => p.PayloadBytes).OrderBy(s => s.Key))
            {
                CrossoverPoint? first = size.OrderBy(p => p.Passes).FirstOrDefault(p => p.Verdict == Separation.Faster);
                CrossoverPoint heaviest = size.MaxBy(p => p.Passes)!;
                if (first is not null)
                {
                    wins.Add(string.Create(CultureInfo.InvariantCulture, $"from {Units.Number(first.NanosecondsPerByte)} ns of compute per byte with {Units.Bytes(size.Key)} payloads (speedup {Units.Ratio(first.Speedup)})"));
                }
                else if (heaviest.Verdict is Separation.Slower or Separation.NotSeparated)
                {
                    string reading = heaviest.Verdict == Separation.Slower ? "it is slower" : "it is not shown faster";
                    never.Add(string.Create(CultureInfo.InvariantCulture, $"with {Units.Bytes(size.Key)} payloads {reading}, even at {Units.Number(heaviest.NanosecondsPerByte)} ns per byte ({Units.Ratio(heaviest.Speedup)})"));
                }
            }

            if (wins.Count > 0 || never.Count > 0)
            {
                string pays = wins.Count > 0 ? $"a pool of worker processes is significantly faster than computing in process {string.Join("; ", wins)}" : "a pool of worker processes was shown faster than computing in process at no measured intensity";
                yield return $"**Copy versus compute**: through {transport.Key}, {pays}{(never.Count > 0 ? "; " + string.Join("; ", never) : "")}.";
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
                string timeRatio = Units.Ratio(row.Speedup is Estimate s ? new Estimate(1 / s.Value, 1 / s.Upper, 1 / s.Lower) : null);
                string injected = row.Record.Facts?.InjectedThreads is int a && reference.Record.Facts?.InjectedThreads is int b
                    ? string.Create(CultureInfo.InvariantCulture, $" (the thread pool injected {a} threads for it, {b} for {reference.Method})")
                    : "";
                yield return $"**{Short(question)}**: {row.Method} is {relation} than {reference.Method}{(reference.Record.IsFloor ? " (the floor)" : "")}: "
                    + $"{Units.Time(row.Time!.Value)} against {Units.Time(reference.Time!.Value)}, {timeRatio} times its time{injected}.";
            }
        }
    }

    /// <summary>
    /// What follows a row's speedup wherever a report quotes it: nothing, or, when the speedup is above what the row's
    /// schedule and the cores allow, that the machine disturbed the figure.
    /// </summary>
    /// <param name="row">The row.</param>
    public static string DisturbedMark(RowResult row) =>
        (row ?? throw new ArgumentNullException(nameof(row))).IsAboveCeiling
            ? $" (above {(row.Schedule == ItemSchedule.TimeSliced ? "the ideal of any schedule" : "its order's bound")}, {Units.Number(row.SpeedupCeiling!.Value)}: a figure the machine disturbed)"
            : "";

    private static string? WaitingReason(RowResult row, int n)
    {
        BenchmarkRecord r = row.Record;
        return (r.Workers, r.Waits) switch
        {
            ("One", _) => "it waits for one call at a time",
            _ when r.Role == RowRoles.ProcessPerItem => "every call starts a worker process",
            ("K", _) when r.Inputs?.AtOnce is int k && k < n => string.Create(CultureInfo.InvariantCulture, $"at most K={k} calls wait at once, so {n} calls take about {(n + k - 1) / k} latencies"),
            ("PerItem", "Blocking") => "every waiting call holds a thread of its own, and starting that many threads takes longer than the wait"
                + (r.Facts?.PeakThreads is int peak ? string.Create(CultureInfo.InvariantCulture, $" (up to {peak} threads at once)") : ""),
            ("PerItem", "BlockingPool") => "every waiting call holds a pool thread, and the pool adds threads slowly once its minimum is used up"
                + (r.Facts?.PeakThreads is int peak2 ? string.Create(CultureInfo.InvariantCulture, $" (up to {peak2} threads at once)") : ""),
            _ => null,
        };
    }

    private static string Short(QuestionResult question)
    {
        string q = question.Class.Question;
        int colon = q.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? q[..colon] : q;
    }

    private static string Names(IEnumerable<RowResult> rows) => string.Join(", ", rows.OrderBy(r => r.Time!.Value.Value).Select(r => r.Method));

    // The winners were each tested against the fastest, not against each other.
    private static string NotSeparatedNote(IReadOnlyCollection<RowResult> rows) => rows.Count > 1 ? " (none separated from the fastest)" : "";
}
