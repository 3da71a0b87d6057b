using System.Globalization;
using System.Text;
using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Reporting.Writing;

/// <summary>
/// The cost of each row beside its time, one table per question that has readings: CPU time per operation over the
/// benchmark process and every process below it, the user share, the cores kept busy and the summed peak memory.
/// </summary>
internal static class CostTables
{
    /// <summary>Writes <paramref name="question"/>'s cost table, folded, when any of its rows has a reading.</summary>
    /// <param name="md">The report.</param>
    /// <param name="question">The question.</param>
    /// <param name="confidenceLevel">For example 0.99.</param>
    public static void Write(StringBuilder md, QuestionResult question, double confidenceLevel)
    {
        IReadOnlyList<RowCost> costs = RowCost.Of(question, confidenceLevel);
        if (costs.Count == 0)
        {
            return;
        }

        md.AppendLine("<details><summary>What each row cost beside its time: CPU and memory over its process tree</summary>").AppendLine();
        md.AppendLine("CPU time per operation over the benchmark process and every process below it (pool workers, silos, a process per item; "
            + "not the HTTP service, which stands for the remote API: its CPU is the remote's cost), "
            + "read from /proc when the measured iterations started and ended, in 10 ms ticks; its interval from the launches as a time's; "
            + $"\"≈\" where a launch read fewer than {CostRecord.MinTicksForAnInterval} ticks (its launches' median, too coarse for an interval); "
            + "cores busy = CPU time over the row's time; peak memory = the sum of each process's own peak resident set over the measured "
            + "iterations (an upper bound of the tree's peak; processes that ended inside them not counted); "
            + "context switches per operation: the benchmark process's every thread, ended ones included, and the children it waited for "
            + "(getrusage inside it), plus the live threads of the processes below it, \"-\" where not read; its interval as the CPU time's; "
            + "the share of them that were voluntary (a thread that waited rather than one preempted).").AppendLine();
        md.AppendLine("| Row | Parameters | CPU per op [99% CI] | User share | Cores busy | Peak memory | Context switches per op [99% CI] | Voluntary | Launches |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (RowCost c in costs)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {c.Row.Method} | {c.Row.Record.ParameterText} | {(c.FewTicks ? "≈ " : "")}{Units.Time(c.CpuPerOperation)} | {c.UserShare:0%} | {(c.CoresBusy is double b ? b.ToString("0.00", CultureInfo.InvariantCulture) : "-")} | {(c.PeakResidentBytes is double p ? Mebibytes(p) : "-")} | {Units.Ratio(c.SwitchesPerOperation)} | {(c.VoluntaryShare is double v ? v.ToString("0%", CultureInfo.InvariantCulture) : "-")} | {c.Launches} |");
        }

        if (costs.Any(c => RowRoles.IsCluster(c.Row.Record.Role)))
        {
            md.AppendLine().AppendLine(question.Rows.Any(r => r.Record.Facts?.Cluster?.Existing == true)
                ? "A cluster row on an existing cluster (`--cluster-gateways`): its remote silos' CPU and memory are not measured; the figures are the client's."
                : "A cluster row's CPU includes its silos' own timers (Orleans' membership probes and reminders), which run whether or not grains are called.");
        }

        md.AppendLine().AppendLine("</details>").AppendLine();
    }

    private static string Mebibytes(double bytes) => (bytes / (1 << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}
