using System.Globalization;
using System.Text;
using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Plots;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Writing;

/// <summary>
/// <c>REPORT.md</c>: the verdict of a run. A header (machine, runtime, commit, profile, date, time), the generated
/// guide, then one section per question: the winners (every row not separated from the fastest), each row's time,
/// speedup and efficiency with intervals and its verdict against the baseline, what is significantly slower, and what
/// was skipped and why; then how every answer was validated, and the time per class.
/// </summary>
public static class ReportDocument
{
    /// <summary>The file's name.</summary>
    public const string FileName = "REPORT.md";

    // The steal of a run, and what it means when it is high enough to move the figures.
    private static string StealText(double steal) => string.Create(CultureInfo.InvariantCulture, $"{steal:0.0}% of the CPU time over the run went to other guests of the host (steal time, from /proc/stat)") +
        (steal >= RunRecord.DisturbingStealPercent
            ? string.Create(CultureInfo.InvariantCulture, $": **a disturbed run** (from {RunRecord.DisturbingStealPercent:0}%); its figures, above all hand-offs between processes, may move by far more than their intervals in another run")
            : "");

    // The step of the clock .NET's timers count in, and what it does to a wait.
    private static string TimerTickText(long tick) => string.Create(CultureInfo.InvariantCulture,
        $"`Environment.TickCount64`, which .NET's timers (`Task.Delay`, `Timer`) count their waits in, advanced in steps of {tick} ms: a wait is counted from a reading up to a step old and ends on a step, so it can end up to about {tick} ms early or late, by where in a step it began; a waiting row's distance from one latency includes that");

    // What plain code reached on every core during the run: the median pair with its interval, and the range.
    private static string CoreScalingText(CoreScalingRecord scaling, StatisticsSettings settings)
    {
        Estimate median = MedianEstimator.Median(scaling.Speedups, settings.ConfidenceLevel);
        return $"plain integer loops on {scaling.Threads} dedicated threads reached a speedup of {Units.Ratio(median)} over one thread "
            + string.Create(CultureInfo.InvariantCulture, $"(median of {scaling.Speedups.Count} pairs taken before the classes; lowest {Units.Number(scaling.Speedups.Min())}, highest {Units.Number(scaling.Speedups.Max())}): ")
            + "no strategy's speedup can beat the cores themselves; read every speedup of the run against it";
    }

    // How every interval and verdict of the report is computed, in one line of the header.
    private static string StatisticsText(StatisticsSettings s, int launches, bool trials) => string.Create(CultureInfo.InvariantCulture,
        $"α = {s.SignificanceLevel}: every interval is at {s.ConfidencePercent}, two-sided; a verdict is Faster or Slower exactly when that interval lies wholly beyond the {s.ThresholdPercent}% threshold (two one-sided tests at α/2 each). ")
        + (trials && launches > 1
            ? "Rows of a trial run count the trial as the unit: time = geometric mean of the trials' launch medians, a ratio taken trial by trial; intervals and tests are moderated t intervals on the log values, each row's variance between trials moderated toward an empirical-Bayes prior fitted to its class's rows (Smyth, 2004). Rows of one launch: median with its order-statistic interval; ratios Hodges-Lehmann with the Mann-Whitney interval; tests exact Mann-Whitney"
            : launches > 1
            ? "Rows of several launches count the launch as the unit: time = mean of the launch medians, intervals and tests from a hierarchical bootstrap (launches, then samples in each; 5,000 resamples). Rows of one launch: median with its order-statistic interval; ratios Hodges-Lehmann with the Mann-Whitney interval; tests exact Mann-Whitney"
            : "One launch per row: times are medians with their order-statistic interval; ratios are Hodges-Lehmann with the Mann-Whitney interval; tests are exact Mann-Whitney tests of a shift by the threshold. The interval covers the samples of this launch, not the spread between launches or runs");

    /// <summary>The Markdown of <paramref name="analysis"/>.</summary>
    /// <param name="analysis">The run.</param>
    /// <param name="plots">The plots to embed, each in its question's section (paths relative to the folder).</param>
    public static string Render(RunAnalysis analysis, IReadOnlyList<PlotFile>? plots = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var md = new StringBuilder();
        RunRecord run = analysis.Run;
        StatisticsSettings s = analysis.Settings;
        md.AppendLine("# ConcurrencyBench report").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        MachineRecord m = run.Machine;
        string memory = m.MemoryBytes is long bytes ? string.Create(CultureInfo.InvariantCulture, $", {bytes / (double)(1L << 30):0.#} GiB of memory") : "";
        string physical = m.PhysicalCores is int p ? string.Create(CultureInfo.InvariantCulture, $" ({p} physical)") : "";
        md.AppendLine(CultureInfo.InvariantCulture, $"| Machine | {m.Cpu}, {m.LogicalCores} logical cores{physical}{memory}; {m.Os}, {m.Architecture} |");
        if (run.CoreScaling is { Speedups.Count: > 0 } scaling)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| The cores' ceiling | {CoreScalingText(scaling, s)} |");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"| Runtime | {m.Runtime} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| CPython | {CPythonText(run.CPython)} |");
        string commit = run.Suite.Commit is string c ? $", commit {c[..Math.Min(12, c.Length)]}{(run.Suite.Dirty == true ? " with uncommitted changes" : "")}" : "";
        md.AppendLine(CultureInfo.InvariantCulture, $"| Suite | {run.Suite.Name} {run.Suite.Version}{commit} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Profile | {run.Profile.Name}: {run.Profile.Job} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Run | {run.Started.UtcDateTime:yyyy-MM-dd HH:mm} UTC, {Units.Duration(run.Duration)} in all |");
        if (run.StealPercent is double steal)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| Hypervisor steal | {StealText(steal)} |");
        }

        if (run.TimerTickMilliseconds is long tick)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| Timers' clock | {TimerTickText(tick)} |");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"| Statistics | {StatisticsText(s, analysis.Questions.SelectMany(q => q.Rows).Select(r => r.Launches).DefaultIfEmpty(0).Max(), run.Trials is not null)} |");
        md.AppendLine();
        string answer = DecisionTable.Render(analysis);
        if (answer.Length > 0)
        {
            md.AppendLine("## The answer").AppendLine();
            md.AppendLine("For each kind of work the run measured: the rows to use (the fastest and every row the test does not separate from it), the rows the test shows slower than them, the fastest row's figure with its interval, and what it rests on. The evidence follows below.").AppendLine();
            md.Append(answer).AppendLine();
        }

        md.AppendLine("How to read it: a time is the **median** time of one operation with its " + s.ConfidencePercent + " confidence interval in brackets and **n**, the number of samples (iterations) behind it. "
            + "**Speedup** is the reference row's time over this time, with its interval: above 1 is faster. "
            + "**Efficiency** is the ideal time over this time (1 = perfect), one ideal per workload and parameters for every strategy. "
            + "**vs reference** says Faster or Slower exactly where the speedup's whole interval lies beyond the threshold (the test and the interval are read at one level, so they never disagree); otherwise *not separated* (which does not mean equal). "
            + "**Winners** are the fastest row and every row the test cannot separate from it; rows are ranked nowhere else. "
            + "*(no interval)* marks a figure from too few samples for an interval at that level (a dry run has one); *(exact)* one exact by definition (Sequential's efficiency: its time is the ideal's unit).");
        md.AppendLine();

        IReadOnlyList<string> guide = Guide.Sentences(analysis);
        md.AppendLine("## The guide").AppendLine();
        if (guide.Count == 0)
        {
            md.AppendLine("This run's figures support no rule of the guide (too few samples to separate the rows, or the rows a rule needs were not measured).");
        }

        foreach (string sentence in guide)
        {
            md.AppendLine("- " + sentence);
        }

        md.AppendLine();
        foreach (QuestionResult question in analysis.Questions)
        {
            WriteQuestion(md, question, analysis, plots?.Where(p => p.QuestionType == question.Class.Type) ?? []);
        }

        WriteBeside(md, analysis);
        WriteValidation(md, analysis);
        WriteTimes(md, run);
        return md.ToString();
    }

    private static void WriteQuestion(StringBuilder md, QuestionResult question, RunAnalysis analysis, IEnumerable<PlotFile> plots)
    {
        ClassRecord cls = question.Class;
        md.AppendLine(CultureInfo.InvariantCulture, $"## {cls.Question}").AppendLine();
        string seconds = cls.Seconds is double sec ? $", {Units.Duration(TimeSpan.FromSeconds(sec))}" : "";
        md.AppendLine(CultureInfo.InvariantCulture, $"`{cls.Type}`{seconds}. {IdealText(cls, question.Rows.Any(r => r.Record.IsLargestFirst))}").AppendLine();
        foreach (string note in cls.Notes ?? [])
        {
            md.AppendLine("> " + note).AppendLine();
        }

        foreach (PlotFile plot in plots)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"![{plot.Title}]({plot.Png.Replace('\\', '/')}) ([SVG]({plot.Svg.Replace('\\', '/')}))").AppendLine();
            if (plot.Caption is not null)
            {
                md.AppendLine("*" + plot.Caption + "*").AppendLine();
            }
        }

        if (cls.Kind == QuestionKind.Crossover)
        {
            WriteCrossover(md, question);
        }

        if (GranularityResult.Of(question) is GranularityResult granularity)
        {
            WriteGranularity(md, granularity);
        }

        // The long tables folded, so that the page reads from the top; the answer and the guide carry their lessons.
        int groups = question.Groups.Count(g => g.Rows.Any(r => r.Record.Status != BenchmarkStatus.Skipped));
        bool collapse = groups > 0;
        if (collapse)
        {
            string what = cls.Kind == QuestionKind.Crossover ? "Every cell's rows, times and verdicts" : $"Winners, every row's time, speedup and verdict ({groups} group{(groups == 1 ? "" : "s")})";
            md.AppendLine(CultureInfo.InvariantCulture, $"<details><summary>{what}</summary>").AppendLine();
        }

        foreach (GroupResult group in question.Groups.Where(g => g.Rows.Any(r => r.Record.Status != BenchmarkStatus.Skipped)))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### {GroupTitle(group)}").AppendLine();
            if (group.Winners.Count > 0)
            {
                string how = group.CanRank ? "the fastest, and every row not separated from it" : "the fastest by median; too few samples to test the others against it";
                md.AppendLine(CultureInfo.InvariantCulture, $"**Winners** ({how}): {string.Join("; ", group.Winners.OrderBy(w => w.Time!.Value.Value).Select(WinnerText))}.").AppendLine();
            }

            WriteTable(md, question, group, analysis.Settings);
            WriteSeveralModes(md, group);
            WriteDisagreeingLaunches(md, group, analysis.Settings);
            WriteAboveCeiling(md, group, analysis.Run);
            RowResult[] slower = [.. group.SlowerThanReference];
            if (slower.Length > 0 || question.Class.Kind == QuestionKind.StrategyComparison)
            {
                string list = slower.Length == 0 ? "none" : string.Join(", ", slower.Select(r => $"{r.Method} (vs {r.Reference!.Method})"));
                md.AppendLine(CultureInfo.InvariantCulture, $"**Significantly slower than their reference row:** {list}.").AppendLine();
            }
        }

        if (collapse)
        {
            md.AppendLine("</details>").AppendLine();
        }

        CostTables.Write(md, question, analysis.Settings.ConfidenceLevel);
        RowResult[] skipped = [.. question.Skipped];
        RowResult[] failed = [.. question.Failed];
        if (skipped.Length > 0 || failed.Length > 0)
        {
            md.AppendLine("**Not measured in this run:**").AppendLine();
            foreach (RowResult r in failed)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {r.Method} ({r.Record.ParameterText}): FAILED: {r.Record.Reason}");
            }

            foreach (IGrouping<string?, RowResult> reason in skipped.GroupBy(r => r.Record.Reason))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {string.Join("; ", reason.Select(r => $"{r.Method} ({r.Record.ParameterText})"))}: skipped, {reason.Key}");
            }

            md.AppendLine();
        }
    }

    // Rows whose samples form groups (a stall, a shared core): their median and interval describe a mix.
    private static void WriteSeveralModes(StringBuilder md, GroupResult group)
    {
        var rows = group.Rows
            .Where(r => r.IsMeasured)
            .Select(r => (Row: r, MValue: SampleModes.SeveralModesMValue(r.Measured!.Samples)))
            .Where(x => x.MValue is not null)
            .ToArray();
        if (rows.Length == 0)
        {
            return;
        }

        string list = string.Join("; ", rows.Select(x => string.Create(CultureInfo.InvariantCulture,
            $"{x.Row.Method} (mValue {x.MValue:0.0}; samples from {Units.Time(x.Row.Measured!.Samples.Min())} to {Units.Time(x.Row.Measured.Samples.Max())})")));
        md.AppendLine(CultureInfo.InvariantCulture, $"**Samples in groups** (Perfolizer's mValue at least {SampleModes.Bimodal:0.0}, BenchmarkDotNet's bimodal mark, and the slowest sample at least {SampleModes.WideSpread:0.0} times the fastest): {list}. Such a row's median and interval describe a mix of fast and slow samples: a stall, or the machine's cores shared for a while (read it against the cores' ceiling).").AppendLine();
    }

    // Rows whose launches disagree: the interval covers the spread between them, and the reader should see it.
    private static void WriteDisagreeingLaunches(StringBuilder md, GroupResult group, StatisticsSettings settings)
    {
        string[] rows = [.. group.Rows
            .Where(r => r.IsMeasured)
            .Select(r => (r.Method, Medians: RowStatistics.DisagreeingLaunches(r.Measured!, settings)))
            .Where(x => x.Medians is not null)
            .Select(x => $"{x.Method} (launch medians {string.Join(", ", x.Medians!.Select(Units.Time))})")];
        if (rows.Length > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"**Launches that disagree** (the threshold test between launches, α = {settings.SignificanceLevel} shared over the pairs: they differ by more than {settings.ThresholdPercent}%): {string.Join("; ", rows)}. The launch is the unit: such a row's interval spans its launches, and another run may land anywhere between them or beyond.").AppendLine();
        }
    }

    // Speedups above what the row's schedule and the cores allow, and efficiencies above 1: figures the machine disturbed
    // (or whose ideal does not hold for the row), named so that no one reads them as results.
    private static void WriteAboveCeiling(StringBuilder md, GroupResult group, RunRecord run)
    {
        RowResult[] above = [.. group.Rows.Where(r => r.IsMeasured && r.IsAboveCeiling)];
        if (above.Length > 0)
        {
            string ceiling = run.CoreScaling is { Speedups.Count: > 0 } scaling
                ? $"; plain loops on every core reached {Units.Ratio(MedianEstimator.Median(scaling.Speedups, 1 - run.Profile.SignificanceLevel))} in this run (the cores' ceiling)"
                : "";
            md.AppendLine("**Above what the machine allows**: " + string.Join("; ", above.Select(r =>
                string.Create(CultureInfo.InvariantCulture, $"{r.Method}'s speedup {Units.Ratio(r.Speedup)} ({r.Speedup!.Value.Value:0.0000}) is above {(r.Schedule == ItemSchedule.TimeSliced ? "the ideal of any schedule" : "the bound of its order")}, {r.SpeedupCeiling!.Value:0.0000}")))
                + $"{ceiling}. By the items' costs no schedule on these cores reaches that: the machine disturbed these figures (the reference measured at a slower moment than the row), or the costs are off for this row; either way they are not results to act on.").AppendLine();
        }

        RowResult[] aboveIdeal = [.. group.Rows.Where(r => r.IsMeasured && r.IsAboveIdeal && !r.IsAboveCeiling)];
        if (aboveIdeal.Length > 0)
        {
            md.AppendLine("**Efficiency above 1**: " + string.Join("; ", aboveIdeal.Select(r => $"{r.Method} {Units.Ratio(r.Efficiency)}"))
                + ". The ideal's cost model does not hold for these rows (a wait that ended early on the timers' coarse clock, or a reference measured at a slower moment): read the figure as the ideal's error, not as better than ideal.").AppendLine();
        }
    }

    // Per row: the smallest item that pays (efficiency at least 0.8 at its lower bound), and the size below it.
    private static void WriteGranularity(StringBuilder md, GranularityResult granularity)
    {
        string unit = granularity.Question.Class.Granularity!.Unit;
        md.AppendLine("### Where each row stops paying").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"The smallest measured item whose efficiency's lower bound is at least {Units.Number(GranularityResult.PayingEfficiency)}; an item's time is Sequential's time over the items, at that size.").AppendLine();
        md.AppendLine("| Row | Smallest item that pays | Efficiency there | Largest item below it that does not (or the largest measured) | Efficiency there |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (GranularityRow row in granularity.Rows)
        {
            GranularityPoint? paying = row.SmallestPaying;
            GranularityPoint? below = row.LargestNotPaying;
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Method} | {(paying is null ? "none measured" : ItemText(paying, unit))} | {(paying is null ? "-" : Units.Ratio(paying.Efficiency))} | {(below is null ? "-" : ItemText(below, unit))} | {(below is null ? "-" : Units.Ratio(below.Efficiency))} |");
        }

        md.AppendLine();

        static string ItemText(GranularityPoint p, string unit) =>
            string.Create(CultureInfo.InvariantCulture, $"{Units.Time(p.ItemNanoseconds)} ({p.Size:#,0} {unit})");
    }

    // Cluster rows: the start of their silos is set-up, not in the time above; say how long it took and where the items ran.
    private static void WriteClusterSetUp(StringBuilder md, GroupResult group)
    {
        string[] rows = [.. group.Rows
            .Where(r => r.Record.Facts?.Cluster is not null)
            .Select(r => (r.Method, Cluster: r.Record.Facts!.Cluster!))
            .Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.Method}: {(r.Cluster.Existing ? $"an existing cluster of {r.Cluster.Silos} silo(s), connected" : $"{r.Cluster.Silos} silo(s) started and ready")} in {Units.Time(r.Cluster.TimeToReadySeconds * 1e9)}; items run by each silo: {string.Join(", ", r.Cluster.ItemsPerSilo.Select((n, i) => $"silo {i} {n:#,0}"))}"))];
        if (rows.Length > 0)
        {
            md.AppendLine("**Cluster set-up** (before the measurement, not in its time; the slowest launch; items over every launch and iteration): " + string.Join("; ", rows) + ".").AppendLine();
        }
    }

    private static void WriteTable(StringBuilder md, QuestionResult question, GroupResult group, StatisticsSettings s)
    {
        bool strategies = question.Class.Kind == QuestionKind.StrategyComparison;
        bool throughput = group.Rows.Any(r => r.GigabytesPerSecond is not null);
        bool bounds = group.Rows.Any(r => r.Schedule is not null) && question.Class.Granularity is null;
        bool threads = group.Rows.Any(r => r.Record.Facts?.PeakThreads is not null);
        bool memory = group.Rows.Any(r => r.Record.Facts?.BytesAllocatedPerOperation is not null);
        double items = group.Rows[0].Record.Inputs?.Items is int n && n > 0 ? n : 1;
        var header = new List<string> { "Row", $"Median time [{s.ConfidencePercent} CI]", "n", "Speedup vs reference" };
        if (strategies)
        {
            header.Add("Efficiency");
        }

        if (bounds)
        {
            header.Add("Bound of its order");
        }

        if (throughput)
        {
            header.Add("GB/s");
        }

        if (threads)
        {
            header.Add("Peak threads");
            header.Add("Threads injected");
        }

        if (memory)
        {
            header.Add(items > 1 ? "Bytes allocated per item" : "Bytes allocated per op");
            header.Add("Pool work items per op");
            header.Add("Lock contentions per op");
        }

        header.Add("vs reference");
        md.AppendLine("| " + string.Join(" | ", header) + " |");
        md.AppendLine("|" + string.Concat(header.Select((_, i) => i == 0 ? "---|" : "---:|")));
        foreach (RowResult r in group.Rows.Where(r => r.Record.Status != BenchmarkStatus.Skipped))
        {
            var cells = new List<string>
            {
                r.Method + (r.Record.IsBaseline && r.Record.IsFloor ? " (baseline, floor)" : r.Record.IsBaseline ? " (baseline)" : r.Record.IsFloor ? " (floor)" : ""),
                r.IsMeasured ? Units.Time(r.Time!.Value) : r.Record.Status == BenchmarkStatus.Failed ? "failed" : "not measured",
                r.Samples.ToString(CultureInfo.InvariantCulture) + (r.Launches > 1 ? $" ({r.Launches} launches)" : ""),
                SpeedupCell(r),
            };
            if (strategies)
            {
                cells.Add(Units.Ratio(r.Efficiency));
            }

            if (bounds)
            {
                cells.Add(r.Schedule switch
                {
                    ItemSchedule.TimeSliced => "none (time-sliced)",
                    _ when r.ScheduleBound is double bound => $"{Units.Number(bound)} ({(r.Schedule == ItemSchedule.LargestFirst ? "largest first" : "list order")})",
                    _ => "-",
                });
            }

            if (throughput)
            {
                cells.Add(Units.Ratio(r.GigabytesPerSecond));
            }

            if (threads)
            {
                cells.Add(r.Record.Facts?.PeakThreads?.ToString(CultureInfo.InvariantCulture) ?? "-");
                cells.Add(r.Record.Facts?.InjectedThreads?.ToString(CultureInfo.InvariantCulture) ?? "-");
            }

            if (memory)
            {
                FactsRecord? f = r.Record.Facts;
                cells.Add(f?.BytesAllocatedPerOperation is double b ? Units.Number(b / items) : "-");
                cells.Add(f?.CompletedWorkItemsPerOperation is double w ? Units.Number(w) : "-");
                cells.Add(f?.LockContentionsPerOperation is double l ? Units.Number(l) : "-");
            }

            cells.Add(r.VersusReference is Separation v ? $"{SeparationTest.Describe(v)} (vs {r.Reference!.Method})" : "-");
            md.AppendLine("| " + string.Join(" | ", cells) + " |");
        }

        md.AppendLine();
        WriteClusterSetUp(md, group);
        foreach (RowResult r in group.Rows.Where(r => r.SpeedupEstimateNote is not null && r.Speedup is not null).Take(1))
        {
            md.AppendLine($"\\* Speedup {r.SpeedupEstimateNote}.").AppendLine();
        }
    }

    private static string WinnerText(RowResult r)
    {
        var parts = new List<string> { Units.Time(r.Time!.Value) };
        if (r.Speedup is not null && r.Reference is not null)
        {
            parts.Add($"speedup {Units.Ratio(r.Speedup)} over {r.Reference.Method}{(r.SpeedupEstimateNote is null ? "" : " (estimated)")}{GuideWording.DisturbedMark(r)}");
        }

        if (r.Efficiency is not null)
        {
            parts.Add($"efficiency {Units.Ratio(r.Efficiency)}");
        }

        if (r.GigabytesPerSecond is not null)
        {
            parts.Add($"{Units.Ratio(r.GigabytesPerSecond)} GB/s");
        }

        return $"{r.Method} ({string.Join(", ", parts)})";
    }

    private static string SpeedupCell(RowResult r)
    {
        if (r.Speedup is null)
        {
            return r.Reference is null ? "-" : r.Record.Status == BenchmarkStatus.Measured ? $"- ({r.Reference.Method} not measured)" : "-";
        }

        return Units.Ratio(r.Speedup) + (r.SpeedupEstimateNote is null ? "" : " \\*");
    }

    internal static void WriteCrossover(StringBuilder md, QuestionResult question)
    {
        IReadOnlyList<CrossoverPoint> points = CrossoverPoint.Of(question);
        if (points.Count == 0)
        {
            return;
        }

        md.AppendLine("Where the pool breaks even (speedup 1, interpolated between measured intensities), per transport and payload size; cells are the pool's speedup over Sequential with its interval. A break-even is given only between an intensity the test shows slower than Sequential and one it shows faster; '-' where a side is not separated from 1.").AppendLine();
        int[] passes = [.. points.Select(p => p.Passes).Distinct().Order()];
        md.AppendLine("| Transport | Payload | " + string.Join(" | ", passes.Select(p => $"Passes={p}")) + " | Break-even (ns of compute per byte) |");
        md.AppendLine("|---|---:|" + string.Concat(passes.Select(_ => "---:|")) + "---:|");
        foreach (IGrouping<(string Transport, int PayloadBytes), CrossoverPoint> cell in points.GroupBy(p => (p.Transport, p.PayloadBytes)).OrderBy(g => g.Key.Transport, StringComparer.Ordinal).ThenBy(g => g.Key.PayloadBytes))
        {
            var byPasses = cell.ToDictionary(p => p.Passes);
            var breakEven = CrossoverPoint.BreakEven(cell);
            md.AppendLine(CultureInfo.InvariantCulture, $"| {cell.Key.Transport} | {Units.Bytes(cell.Key.PayloadBytes)} | {string.Join(" | ", passes.Select(p => byPasses.TryGetValue(p, out CrossoverPoint? c) ? Units.Ratio(c.Speedup) : "-"))} | {(breakEven is { } b ? b.Qualifier + Units.Number(b.NanosecondsPerByte) : "-")} |");
        }

        md.AppendLine();
    }

    // Each CPython model beside the .NET strategy it matches: speedups over each runtime's own Sequential (the inputs
    // may differ), times side by side only where both ran the same inputs (the same parameters), GB/s for the pipes.
    private static void WriteBeside(StringBuilder md, RunAnalysis analysis)
    {
        IReadOnlyList<BesidePair> pairs = BesidePair.Of(analysis);
        if (pairs.Count == 0)
        {
            return;
        }

        md.AppendLine("## CPython beside .NET").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"The original exercises in {CPythonText(analysis.Run.CPython)}, measured in the same run with the same statistics, each model beside the .NET strategy it matches. Speedups are over each runtime's own Sequential; where both ran the same inputs, their times stand side by side too.").AppendLine();
        md.AppendLine("| Question | CPython model | CPython time [CI] | n | CPython speedup or GB/s | .NET strategy | .NET time [CI] | n | .NET speedup or GB/s |");
        md.AppendLine("|---|---|---:|---:|---:|---|---:|---:|---:|");
        foreach (BesidePair pair in pairs)
        {
            RowResult py = pair.CPython;
            RowResult? net = pair.DotNet;
            bool sameInputs = net is not null && py.Record.Parameters.All(p => net.Record.Parameter(p.Name) == p.Value);
            string question = pair.Question.Class.Question.Split(':')[0].Replace("CPython beside .NET, ", "", StringComparison.Ordinal);
            bool speedups = pair.Question.Class.Kind == QuestionKind.StrategyComparison;
            string pyFigure = py.GigabytesPerSecond is not null ? Units.Ratio(py.GigabytesPerSecond) + " GB/s" : speedups ? Units.Ratio(py.Speedup) : "-";
            string netFigure = net?.GigabytesPerSecond is not null ? Units.Ratio(net.GigabytesPerSecond) + " GB/s" : speedups ? Units.Ratio(net?.Speedup) : "-";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {question} | {py.Method} ({py.Record.ParameterText}) | {(py.IsMeasured ? Units.Time(py.Time!.Value) : "not measured")} | {py.Samples} | {pyFigure} | {net?.Method ?? py.Record.Beside} ({net?.Record.ParameterText}) | {(net is { IsMeasured: true } && (sameInputs || py.Record.Parameters.Count == 0 || py.GigabytesPerSecond is not null) ? Units.Time(net.Time!.Value) : net is { IsMeasured: true } ? "other inputs" : "not measured")} | {net?.Samples ?? 0} | {netFigure} |");
        }

        md.AppendLine();
    }

    private static string CPythonText(CPythonRecord? cpython) => cpython switch
    {
        null => "not run",
        { Status: BenchmarkStatus.Skipped } => "skipped: " + cpython.Reason,
        _ => string.Create(CultureInfo.InvariantCulture,
            $"{cpython.Implementation} {cpython.Version} (GIL {(cpython.GilEnabled == true ? "enabled" : "disabled")}, multiprocessing start method {cpython.StartMethod}), {Units.Duration(TimeSpan.FromSeconds(cpython.Seconds ?? 0))}"),
    };

    private static void WriteValidation(StringBuilder md, RunAnalysis analysis)
    {
        BenchmarkRecord[] ran = [.. analysis.Run.Benchmarks.Where(b => b.Status != BenchmarkStatus.Skipped)];
        BenchmarkRecord[] complete = [.. ran.Where(b => b.Validation?.Complete == true)];
        md.AppendLine("## Validation").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Every measured call's answer is checked against answers computed independently of the strategy: in the call itself (rows of a millisecond or more, and rows whose answer is a checksum), or by poisoning the reply buffers before each iteration and checking them after it. A wrong answer fails the run. "
            + $"This run: {complete.Length} of {ran.Length} benchmarks reported every call or every iteration checked "
            + $"({ran.Sum(b => b.Validation?.CheckedCalls ?? 0):#,0} calls and {ran.Sum(b => b.Validation?.CheckedIterations ?? 0):#,0} iterations checked in all).");
        BenchmarkRecord[] incomplete = [.. ran.Where(b => b.Validation?.Complete != true)];
        if (incomplete.Length > 0)
        {
            md.AppendLine().AppendLine("Without a complete validation record (for example an in-process or dry run, whose benchmark output is not captured): "
                + string.Join(", ", incomplete.Select(b => $"{b.Type}.{b.Method} ({b.ParameterText})")) + ".");
        }

        if (analysis.Run.Failures.Count > 0)
        {
            md.AppendLine().AppendLine("**Failures:**").AppendLine();
            foreach (string failure in analysis.Run.Failures)
            {
                md.AppendLine("- " + failure);
            }
        }

        md.AppendLine();
    }

    private static void WriteTimes(StringBuilder md, RunRecord run)
    {
        md.AppendLine("## Time per class").AppendLine();
        md.AppendLine("| Class | Time |").AppendLine("|---|---:|");
        foreach (ClassRecord c in run.Classes)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Type} | {(c.Seconds is double s ? Units.Duration(TimeSpan.FromSeconds(s)) : "-")} |");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"| whole run (builds and set-up included) | {Units.Duration(run.Duration)} |");
    }

    private static string GroupTitle(GroupResult group) => group.Title.Length > 0 ? group.Title : group.Key.Length > 0 ? group.Key : "All rows";

    private static string IdealText(ClassRecord cls, bool hasLargestFirst) => cls.IdealTime?.Model switch
    {
        IdealTimeRecord.OneLatency => "Ideal time: one latency, for every strategy (every call waits at once).",
        IdealTimeRecord.WorkOverCores when cls.Granularity is not null => string.Create(CultureInfo.InvariantCulture,
            $"Ideal time: Sequential's time at the same item size / {cls.IdealTime.Cores}, the cores: the items are equal and outnumber the cores."),
        IdealTimeRecord.WorkOverCores when cls.IdealTime.ItemCosts is { Count: > 0 } costs => string.Create(CultureInfo.InvariantCulture,
            $"Ideal time: Sequential's time / {Units.Number(ScheduleBounds.Ideal(costs, cls.IdealTime.Cores))}, the larger of the total work over {cls.IdealTime.Cores} cores and the largest item (item costs in {cls.IdealTime.CostUnit}; the largest is {costs.Max() / costs.Sum() * 100:0.#}% of the work). The bound of each row's order is the best speedup its schedule allows on the row's workers, handing out the items in list order{(hasLargestFirst ? ", or largest first (the rows named _LargestFirst)" : "")}."),
        _ => "",
    };
}
