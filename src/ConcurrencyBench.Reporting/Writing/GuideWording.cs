using System.Globalization;
using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Writing;

/// <summary>
/// The one place the guide's findings become sentences (Markdown), so that the wording rules (what "not separated"
/// may say, how a figure and its interval are quoted, which figure the machine disturbed) live once.
/// </summary>
internal static class GuideWording
{
    /// <summary>The sentence of <paramref name="finding"/>.</summary>
    /// <param name="finding">A finding of a guide rule.</param>
    public static string Sentence(GuideFinding finding) => finding switch
    {
        SmallestPayingItemFinding f => SmallestPayingItem(f),
        NeverPaysFinding f => $"**{Short(f.Question)}**: {string.Join(", ", f.Rows.Select(r => r.Method))} reached an efficiency of {Units.Number(GranularityResult.PayingEfficiency)} (at its lower bound) at no measured size, up to items of {Units.Time(f.Largest.ItemNanoseconds)}.",
        WaitingWinnersFinding f => $"**{Short(f.Question)}** ({f.Group.Title}): use {Names(f.Winners)}{NotSeparatedNote(f.Winners)}. "
            + $"{f.Fastest.Method} took {Units.Time(f.Fastest.Time!.Value)} against an ideal of one latency (efficiency {Units.Ratio(f.Fastest.Efficiency)}).",
        WaitingAvoidFinding f => $"Avoid {f.Row.Method} for {f.Calls} waits: efficiency {Units.Ratio(f.Row.Efficiency)}, because {WaitingReason(f)}.",
        TimersFloorFinding f => TimersFloor(f),
        BeyondWaitingFinding f => $"**{Short(f.Question)}** ({f.Group.Title}): even the fastest row, {f.Fastest.Method}, took {Units.Time(f.Fastest.Time!.Value)} "
            + $"against one latency (efficiency {Units.Ratio(f.Fastest.Efficiency)}): at this N the cost of the calls themselves, not their waiting, sets the time.",
        ComputingWinnersFinding f => ComputingWinners(f),
        ComputingAvoidFinding f => $"Avoid {f.Row.Method} for {Short(f.Question).ToLowerInvariant()}: speedup {Units.Ratio(f.Row.Speedup)}, "
            + $"{(f.VersusSequential == Separation.Slower ? "slower than" : "not shown faster than")} Sequential, because {ComputingReason(f.Reason)}.",
        OrderOfUnequalWorkFinding f => OrderOfUnequalWork(f),
        FetchThenComputeFinding f => $"**{Short(f.Question)}** ({f.Group.Title}): the ideal is one latency plus the compute floor ({f.Floor.Method}): {Units.Time(f.LatencyNanoseconds)} + {Units.Time(f.Floor.Time!.Value.Value)} = {Units.Time(f.IdealNanoseconds)}; "
            + $"{Names(f.Winners)} came closest, {f.Fastest.Method} at {Units.Time(f.Fastest.Time!.Value)}, {Units.Ratio(f.TimesTheIdeal)} times the ideal.",
        PreferPoolFinding f => $"Prefer {f.Pool.Method} to {f.ProcessPerItem.Method}: speedup {Units.Ratio(f.Pool.Speedup)}{DisturbedMark(f.Pool)} against {Units.Ratio(f.ProcessPerItem.Speedup)}, because {f.ProcessPerItem.Method} starts a process for every item.",
        MovingDataFinding f => $"**Moving {Units.Bytes(f.PayloadBytes)}** to another process (delivered, and every byte read there): {Names(f.Tied)}{NotSeparatedNote(f.Tied)} at "
            + $"{Units.Ratio(f.Fastest.GigabytesPerSecond)} GB/s, {Units.Ratio(f.Fastest.Speedup)} of the in-process copy and checksum's speed"
            + (f.Others.Count > 0 ? $"; then {string.Join("; ", f.Others.Select(r => $"{r.Method} {Units.Ratio(r.GigabytesPerSecond)} GB/s"))}." : "."),
        CopyVersusComputeFinding f => CopyVersusCompute(f),
        BaselineFinding f => $"**{Short(f.Question)}**: {f.Row.Method} is {(f.Verdict == Separation.Faster ? "faster" : "slower")} than {f.Reference.Method}{(f.Reference.Record.IsFloor ? " (the floor)" : "")}: "
            + $"{Units.Time(f.Row.Time!.Value)} against {Units.Time(f.Reference.Time!.Value)}, {Units.Ratio(f.TimeRatio)} times its time{InjectedThreads(f)}.",
        PoolBesideThreadsFinding f => $"**Processes or threads, the same schedule** ({Short(f.Question)}{(f.Group.Title.Length > 0 ? ", " + f.Group.Title : "")}): {f.Pool.Method} took {Units.Ratio(f.Ratio)} times the time of {f.Threads.Method} "
            + $"({Units.Time(f.Pool.Time!.Value)} against {Units.Time(f.Threads.Time!.Value)}; {SeparationTest.Describe(f.Verdict).ToLowerInvariant()}{(f.Verdict is Separation.Faster or Separation.Slower ? " than the threads" : "")}): "
            + "the same items in the same order to as many worker processes as threads: only the process boundary lies between them.",
        ClusterCostFinding f => $"**Crossing to a cluster** ({Short(f.Question)}{(f.Group.Title.Length > 0 ? ", " + f.Group.Title : "")}): {f.Cluster.Method} took {Units.Ratio(f.Ratio)} times the time of {f.Pool.Method} "
            + $"({Units.Time(f.Cluster.Time!.Value)} against {Units.Time(f.Pool.Time!.Value)}; {SeparationTest.Describe(f.Verdict).ToLowerInvariant()}{(f.Verdict is Separation.Faster or Separation.Slower ? " than the pool" : "")})."
            + (f.ExistingCluster ? " Its silos were an existing cluster's." : " On one machine its silos share the same cores: this is what distribution costs, not what more machines would gain."),
        CheaperRowFinding f => $"**Where time does not choose, CPU does** ({Short(f.Question)}{(f.Group.Title.Length > 0 ? ", " + f.Group.Title : "")}): {f.Cheapest.Method} spent the least CPU per operation over its process tree; "
            + string.Join(", ", f.Costlier.Select(c => $"{c.Row.Method} {Units.Ratio(c.CpuRatio)} times as much")) + $", with no difference in time shown: prefer {f.Cheapest.Method}.",
        CPythonBesideDotNetFinding f => CPythonBesideDotNet(f),
        _ => throw new ArgumentOutOfRangeException(nameof(finding), finding?.GetType().Name, "a finding no sentence words"),
    };

    /// <summary>
    /// What follows a row's speedup wherever a report quotes it: nothing, or, when the speedup is above what the row's
    /// schedule and the cores allow, that the machine disturbed the figure.
    /// </summary>
    /// <param name="row">The row.</param>
    public static string DisturbedMark(RowResult row) =>
        (row ?? throw new ArgumentNullException(nameof(row))).IsAboveCeiling
            ? $" (above {(row.Schedule == ItemSchedule.TimeSliced ? "the ideal of any schedule" : "its order's bound")}, {Units.Number(row.SpeedupCeiling!.Value)}: a figure the machine disturbed)"
            : "";

    private static string SmallestPayingItem(SmallestPayingItemFinding f)
    {
        string unit = f.Question.Class.Granularity!.Unit;
        return $"**{Short(f.Question)}**: a row pays (efficiency at least {Units.Number(GranularityResult.PayingEfficiency)} at its lower bound) from items of "
            + string.Join("; ", f.Paying.Select(r =>
            {
                GranularityPoint p = r.SmallestPaying!;
                string below = r.LargestNotPaying is GranularityPoint b ? $", not at {Units.Time(b.ItemNanoseconds)} ({Units.Ratio(b.Efficiency)})" : "";
                return string.Create(CultureInfo.InvariantCulture, $"{Units.Time(p.ItemNanoseconds)} for {r.Method} ({p.Size:#,0} {unit}: {Units.Ratio(p.Efficiency)}{below})");
            }))
            + ". Below that size a row's efficiency is not shown to reach it"
            + (f.Outweighed.Count > 0
                ? $"; for {string.Join(", ", f.Outweighed.Select(r => r.Method))} the cost per item outweighs the item's work there (efficiency under 0.5 even at its upper bound)."
                : ".");
    }

    private static string WaitingReason(WaitingAvoidFinding f) => f.Reason switch
    {
        AvoidReason.WaitsForOneCallAtATime => "it waits for one call at a time",
        AvoidReason.StartsAProcessPerCall => "every call starts a worker process",
        AvoidReason.AtMostKAtOnce when f.AtOnce is int k => string.Create(CultureInfo.InvariantCulture, $"at most K={k} calls wait at once, so {f.Calls} calls take about {(f.Calls + k - 1) / k} latencies"),
        AvoidReason.ThreadPerCall => "every waiting call holds a thread of its own, and starting that many threads takes longer than the wait" + PeakThreads(f.Row),
        AvoidReason.PoolThreadPerCall => "every waiting call holds a pool thread, and the pool adds threads slowly once its minimum is used up" + PeakThreads(f.Row),
        _ => throw new ArgumentOutOfRangeException(nameof(f), f.Reason, "no reason for waiting work"),
    };

    private static string PeakThreads(RowResult row) =>
        row.Record.Facts?.PeakThreads is int peak ? string.Create(CultureInfo.InvariantCulture, $" (up to {peak} threads at once)") : "";

    private static string ComputingReason(AvoidReason reason) => reason switch
    {
        AvoidReason.ItemsRanOneAfterAnother => "its items ran one after another: asynchronous code overlaps only what it awaits, and this work's asynchronous form awaits nothing that takes time",
        AvoidReason.RunsOneItemAtATime => "it runs one item at a time",
        AvoidReason.OverheadEatsParallelism => "its overhead eats the parallelism",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "no reason for computing work"),
    };

    private static string TimersFloor(TimersFloorFinding f)
    {
        string reading = f.Verdict switch
        {
            Separation.NotSeparated => "the strategy is not shown to add to what the timers alone take (the interval bounds what it may add)",
            Separation.Slower => "beyond one latency, part is the timers' and the rest is the strategy's",
            _ => "",
        };
        return $"**{Short(f.Question)}** ({f.Group.Title}): the calls' own timers alone ({f.Floor.Method}, the floor: no strategy around them) took {Units.Time(f.Floor.Time!.Value)} "
            + $"(efficiency {Units.Ratio(f.Floor.Efficiency)} against one latency); {f.Fastest.Method} took {Units.Ratio(f.Ratio)} times the floor "
            + $"({SeparationTest.Describe(f.Verdict).ToLowerInvariant()}{(f.Verdict is Separation.Faster or Separation.Slower ? " than the floor" : "")}){(reading.Length > 0 ? ": " + reading : "")}.";
    }

    private static string ComputingWinners(ComputingWinnersFinding f)
    {
        string bounds = f.Bounds is ItemScheduleBounds b
            ? string.Create(CultureInfo.InvariantCulture, $" (on {b.Cores} cores the items allow at most {Units.Number(b.Ideal)}; taken in list order, {Units.Number(b.ListOrder)}; largest first, {Units.Number(b.LargestFirst)})")
            : "";
        string disturbed = string.Join("; ", f.Disturbed.Select(w => $"{w.Method}'s {Units.Ratio(w.Speedup)}{DisturbedMark(w)}"));
        return $"**{Short(f.Question)}**{(f.Group.Title.Length > 0 ? " (" + f.Group.Title + ")" : "")}: use {Names(f.Winners)}{NotSeparatedNote(f.Winners)}: "
            + $"{(ReferenceEquals(f.Quoted, f.Fastest) ? "" : f.Quoted.Method + "'s ")}speedup {Units.Ratio(f.Quoted.Speedup)} over Sequential{DisturbedMark(f.Quoted)}{bounds}{(disturbed.Length > 0 ? "; " + disturbed : "")}.";
    }

    private static string OrderOfUnequalWork(OrderOfUnequalWorkFinding f)
    {
        (RowResult largestFirst, RowResult listOrder) = (f.LargestFirst, f.ListOrder);
        string bounds = largestFirst.ScheduleBound is double lf && listOrder.ScheduleBound is double lo
            ? string.Create(CultureInfo.InvariantCulture, $" (the bounds of the two orders: {Units.Number(lf)} and {Units.Number(lo)})")
            : "";
        string figures = $"speedup {Units.Ratio(largestFirst.Speedup)}{DisturbedMark(largestFirst)} against {Units.Ratio(listOrder.Speedup)}{DisturbedMark(listOrder)} in list order{bounds}";
        return f.Verdict switch
        {
            Separation.Faster => $"**{Short(f.Question)}, the order of unequal items**: hand out the largest first: {largestFirst.Method} is faster than {listOrder.Method}, {figures}.",
            Separation.Slower => $"**{Short(f.Question)}, the order of unequal items**: {largestFirst.Method} is slower than {listOrder.Method}, {figures}.",
            _ => $"**{Short(f.Question)}, the order of unequal items**: {largestFirst.Method} is not separated from {listOrder.Method}, {figures}.",
        };
    }

    private static string CopyVersusCompute(CopyVersusComputeFinding f)
    {
        IEnumerable<string> wins = f.PaysFrom.Select(p => string.Create(CultureInfo.InvariantCulture, $"from {Units.Number(p.NanosecondsPerByte)} ns of compute per byte with {Units.Bytes(p.PayloadBytes)} payloads (speedup {Units.Ratio(p.Speedup)})"));
        IEnumerable<string> never = f.NeverPays.Select(p => string.Create(CultureInfo.InvariantCulture, $"with {Units.Bytes(p.PayloadBytes)} payloads {(p.Verdict == Separation.Slower ? "it is slower" : "it is not shown faster")}, even at {Units.Number(p.NanosecondsPerByte)} ns per byte ({Units.Ratio(p.Speedup)})"));
        string pays = f.PaysFrom.Count > 0
            ? $"a pool of worker processes is significantly faster than computing in process {string.Join("; ", wins)}"
            : "a pool of worker processes was shown faster than computing in process at no measured intensity";
        return $"**Copy versus compute**: through {f.Transport}, {pays}{(f.NeverPays.Count > 0 ? "; " + string.Join("; ", never) : "")}.";
    }

    private static string InjectedThreads(BaselineFinding f) =>
        f.Row.Record.Facts?.InjectedThreads is int a && f.Reference.Record.Facts?.InjectedThreads is int b
            ? string.Create(CultureInfo.InvariantCulture, $" (the thread pool injected {a} threads for it, {b} for {f.Reference.Method})")
            : "";

    private static string CPythonBesideDotNet(CPythonBesideDotNetFinding f)
    {
        (RowResult py, RowResult net) = (f.CPython, f.DotNet);
        string python = f.Interpreter?.Version is string v ? $"CPython {v}" : "CPython";
        return f.Lesson switch
        {
            CPythonLesson.ThreadsDoNotSpeedUpComputing => $"**CPython beside .NET, computing work**: in {python} threads {(py.VersusReference == Separation.Slower ? "slow the prime checks down" : "are not shown to speed up the prime checks")} ({py.Method}: speedup {Units.Ratio(py.Speedup)}, {SeparationTest.Describe(py.VersusReference!.Value)} against its Sequential{(f.Interpreter?.GilEnabled == true ? ": the GIL lets one thread run Python code at a time" : "")}); in .NET {net.Method} reaches {Units.Ratio(net.Speedup)}.",
            CPythonLesson.ProcessesUseTheCores => $"**CPython beside .NET, computing work**: in {python} it takes processes to use the cores ({py.Method}: speedup {Units.Ratio(py.Speedup)}); .NET's {net.Method} reaches {Units.Ratio(net.Speedup)}.",
            CPythonLesson.BothWaitInOneLatency => $"**CPython beside .NET, waiting work** ({py.Record.ParameterText}): asyncio and Task.WhenAll both wait for every call in about one latency: {py.Method} {Units.Time(py.Time!.Value)} (efficiency {Units.Ratio(py.Efficiency)}), {net.Method} {Units.Time(net.Time!.Value)} (efficiency {Units.Ratio(net.Efficiency)}).",
            CPythonLesson.PipeEcho => $"**CPython beside .NET, moving data**: an echo of {Units.Bytes(f.PayloadBytes!.Value)} through {python}'s multiprocessing.Pipe moves {Units.Ratio(py.GigabytesPerSecond)} GB/s (both directions counted); through the .NET worker's pipes ({net.Method}) {Units.Ratio(net.GigabytesPerSecond)} GB/s.",
            CPythonLesson.ProcessStart => $"**CPython beside .NET, starting processes**: a process started and joined in {python} (start method {f.Interpreter?.StartMethod ?? "?"}) takes {Units.Time(py.Time!.Value)}; a NativeAOT .NET worker started, handshaken and ended ({net.Method}) {Units.Time(net.Time!.Value)}.",
            _ => throw new ArgumentOutOfRangeException(nameof(f), f.Lesson, "a lesson no sentence words"),
        };
    }

    // The question's head: its text up to the first colon.
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
