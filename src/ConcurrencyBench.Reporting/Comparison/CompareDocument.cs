using System.Globalization;
using System.Text;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;
using ConcurrencyBench.Reporting.Writing;

namespace ConcurrencyBench.Reporting.Comparison;

/// <summary>The Markdown of a comparison: the runs, a table per class with its geometric mean, and the verdict.</summary>
public static class CompareDocument
{
    /// <summary>Renders <paramref name="comparison"/>.</summary>
    /// <param name="comparison">The comparison.</param>
    public static string Render(RunComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        StatisticsSettings s = comparison.Settings;
        var md = new StringBuilder("# ConcurrencyBench compare\n\n");
        md.AppendLine("| | Base | Current |").AppendLine("|---|---|---|");
        RunRecord b = comparison.BaseRun.Run, c = comparison.Current.Run;
        md.AppendLine(CultureInfo.InvariantCulture, $"| Folder | `{comparison.BaseRun.Folder}` | `{comparison.Current.Folder}` |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Machine | {Machine(b.Machine)} | {Machine(c.Machine)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Runtime | {b.Machine.Runtime} | {c.Machine.Runtime} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Commit | {Commit(b.Suite)} | {Commit(c.Suite)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Profile | {b.Profile.Name} | {c.Profile.Name} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Run | {b.Started.UtcDateTime:yyyy-MM-dd HH:mm} UTC | {c.Started.UtcDateTime:yyyy-MM-dd HH:mm} UTC |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| Trials | {Trials(b)} | {Trials(c)} |");
        if (b.StealPercent is not null || c.StealPercent is not null)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| Hypervisor steal | {Steal(b)} | {Steal(c)} |");
        }

        md.AppendLine();
        if (b.IsDisturbed || c.IsDisturbed)
        {
            string which = b.IsDisturbed && c.IsDisturbed ? "Both runs were" : b.IsDisturbed ? "The base run was" : "The current run was";
            md.AppendLine(CultureInfo.InvariantCulture, $"> **{which} disturbed**: the hypervisor took {RunRecord.DisturbingStealPercent:0}% or more of the CPU time. Differences may be the machine's, not the code's (hand-offs between processes suffer most); rerun both on a quiet machine before reading a regression.").AppendLine();
        }

        if (comparison.BaseRun.IsPlainExport || comparison.Current.IsPlainExport)
        {
            string which = comparison.BaseRun.IsPlainExport && comparison.Current.IsPlainExport ? "Both folders are" : comparison.BaseRun.IsPlainExport ? "The base folder is" : "The current folder is";
            md.AppendLine(CultureInfo.InvariantCulture, $"> **{which} plain BenchmarkDotNet exports** (no run.json): each row was measured in the launches its job made (usually one) and in no trials, so its interval covers the samples of those launches, not what varies from one launch or run to the next: a difference can be the machine's. Every row is gated (no class is known to be a strategy comparison), and nothing says how disturbed the machine was.").AppendLine();
        }

        RunComparison r = comparison;
        md.AppendLine(r.IsPaired
            ? "The two builds were measured interleaved, trial by trial (base and head alternating), so each ratio is resampled trial by trial: the machine's drift between trials falls on both sides.\n"
            : "The runs were measured at different times: each side's interval covers the spread between its own trials, and nothing pairs them; a drift of the machine between the runs shows as a difference.\n");
        int regressions = r.Regressions.Count();
        md.AppendLine(CultureInfo.InvariantCulture, $"Ratio = current time / base time with its {s.ConfidencePercent} interval (one launch a side: the Hodges-Lehmann ratio and the Mann-Whitney interval; several: a hierarchical bootstrap over launches and samples): above 1 is slower. Verdict: Slower or Faster exactly when that interval lies wholly beyond the {s.ThresholdPercent}% threshold (two one-sided tests at α/2 = {s.SignificanceLevel / 2} each); *not separated* is noise as far as the test can tell. A **regression** is a benchmark of a gated class ({(r.Gate == GateScope.All ? "every class" : "the strategy comparisons")}) that the test finds slower and whose whole interval lies beyond the threshold; slowdowns elsewhere are shown, but fail nothing.").AppendLine();
        int slower = r.Benchmarks.Count(x => x.Verdict == Separation.Slower);
        md.AppendLine(CultureInfo.InvariantCulture, $"**{(regressions == 0 ? "No regression" : $"{regressions} regression(s)")}**: {r.Benchmarks.Count} benchmarks in both runs; {slower} significantly slower by more than {s.ThresholdPercent}% ({regressions} of them regressions), {r.Benchmarks.Count(x => x.Verdict == Separation.Faster)} significantly faster, {r.Benchmarks.Count(x => x.Verdict == Separation.NotSeparated)} not separated, {r.Benchmarks.Count(x => x.Verdict == Separation.TooFewSamples)} with too few samples to tell.").AppendLine();
        if (!b.Machine.Equals(c.Machine))
        {
            md.AppendLine("> The runs come from different machines: the ratios compare machines as much as code.").AppendLine();
        }

        foreach (IGrouping<string, ComparedBenchmark> type in r.Benchmarks.GroupBy(x => x.Type))
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## {type.Key} (geometric mean of the ratios: {Units.Number(r.GeometricMeanRatio(type.Key)!.Value)})").AppendLine();
            md.AppendLine("| Benchmark | Base median | Current median | Ratio | Verdict |").AppendLine("|---|---:|---:|---:|---|");
            foreach (ComparedBenchmark x in type)
            {
                string verdict = x.IsRegression(s.ThresholdPercent) ? "**Slower: regression**" : x.Verdict == Separation.Slower ? "Slower" + (x.Gated ? " (interval within the threshold)" : " (not gated)") : SeparationTest.Describe(x.Verdict);
                md.AppendLine(CultureInfo.InvariantCulture, $"| {x.Name} | {Units.Time(x.Base)} | {Units.Time(x.Current)} | {Units.Ratio(x.Ratio)} | {verdict} |");
            }

            md.AppendLine();
        }

        if (r.OnlyInBase.Count > 0 || r.OnlyInCurrent.Count > 0)
        {
            md.AppendLine("## Measured in one run only").AppendLine();
            foreach (string name in r.OnlyInBase)
            {
                md.AppendLine($"- base only: {name}");
            }

            foreach (string name in r.OnlyInCurrent)
            {
                md.AppendLine($"- current only: {name}");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    private static string Trials(RunRecord run) => run.Trials is { } t
        ? string.Create(CultureInfo.InvariantCulture, $"{t.Count}{(t.JoinedFrom is null ? "" : " (joined runs)")}")
        : "1 (one launch a row unless the job made more)";

    private static string Steal(RunRecord run) => run.StealPercent is double steal ? string.Create(CultureInfo.InvariantCulture, $"{steal:0.0}%") : "not measured";

    internal static string Machine(MachineRecord m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.Cpu}, {m.LogicalCores} logical cores{(m.MemoryBytes is long bytes ? $", {bytes / (double)(1L << 30):0.#} GiB" : "")}, {m.Os}");

    private static string Commit(SuiteRecord s) => s.Commit is string c ? c[..Math.Min(12, c.Length)] + (s.Dirty == true ? " (uncommitted changes)" : "") : s.Version;
}
