using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis;

/// <summary>
/// What a row cost beside its time, over the benchmark process and every process below it: CPU time per operation
/// (its interval from the launches, or trials, as a time's is: a moderated t interval on their logarithms, the prior
/// fitted to the class's rows), the share of it in user mode, the cores it kept busy (CPU time over wall time) and the
/// processes' summed peak resident sets (the median launch's), and the context switches per operation (their interval
/// from the launches as the CPU time's, with a prior of their own).
/// </summary>
/// <param name="Row">The row.</param>
/// <param name="CpuPerOperation">CPU time per operation in nanoseconds of one core; exact (no interval) for one launch.</param>
/// <param name="UserShare">The share of the CPU time spent in user mode, from 0 to 1.</param>
/// <param name="CoresBusy">CPU time over the row's time: how many cores it kept busy on average.</param>
/// <param name="PeakResidentBytes">The median launch's summed peak resident sets; null where none was read.</param>
/// <param name="Launches">The launches with a reading.</param>
/// <param name="FewTicks">Whether a launch read fewer than <see cref="CostRecord.MinTicksForAnInterval"/> ticks: the
/// figure is then the launches' median without an interval, a count of 10 ms ticks over the operations.</param>
/// <param name="SwitchesPerOperation">Context switches (voluntary and involuntary) per operation; null where not read.</param>
/// <param name="VoluntaryShare">The share of the switches that were voluntary (a thread that waited), from 0 to 1.</param>
public sealed record RowCost(RowResult Row, Estimate CpuPerOperation, double UserShare, double? CoresBusy, double? PeakResidentBytes, int Launches, bool FewTicks, Estimate? SwitchesPerOperation = null, double? VoluntaryShare = null)
{
    /// <summary>The cost of every measured row of <paramref name="question"/> that has one, in the question's order.</summary>
    /// <param name="question">The question.</param>
    /// <param name="confidenceLevel">For example 0.99.</param>
    public static IReadOnlyList<RowCost> Of(QuestionResult question, double confidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(question);
        var readings = question.Rows
            .Where(r => r.IsMeasured && r.Record.Facts?.Cost is not null)
            .Select(r => (Row: r, Cpu: Totals(r.Record.Facts!.Cost!)))
            .Where(x => x.Cpu.Length > 0)
            .ToArray();
        TrialVariancePrior prior = Prior(question);
        TrialVariancePrior switchPrior = TrialVariancePrior.Fit(question.Rows
            .Where(r => r.IsMeasured && r.Record.Facts?.Cost is not null)
            .Select(r => SwitchTotals(r.Record.Facts!.Cost!))
            .Where(v => v.Length >= 2 && v.All(x => x > 0))
            .Select(v => TrialEstimate.Logs(v)));
        return [.. readings.Select(x => WithSwitches(Cost(x.Row, x.Cpu, prior, confidenceLevel), switchPrior, confidenceLevel))];
    }

    private static RowCost WithSwitches(RowCost cost, TrialVariancePrior prior, double confidenceLevel) =>
        Switches(cost.Row.Record.Facts!.Cost!, prior, confidenceLevel) is (Estimate switches, double share)
            ? cost with { SwitchesPerOperation = switches, VoluntaryShare = share }
            : cost;

    // The switches per operation (an interval from two launches or more, each with some) and their voluntary share.
    private static (Estimate Switches, double VoluntaryShare)? Switches(CostRecord cost, TrialVariancePrior prior, double confidenceLevel)
    {
        double[] totals = SwitchTotals(cost);
        if (totals.Length == 0)
        {
            return null;
        }

        Estimate switches = totals.Length >= 2 && totals.All(v => v > 0) ? TrialEstimate.Level(totals, prior, confidenceLevel) : Estimate.Exact(Median(totals));
        double voluntary = cost.VoluntarySwitchesPerOperation!.Zip(cost.InvoluntarySwitchesPerOperation!, (v, i) => v is null || i is null ? 0 : v.Value).Sum();
        double all = totals.Sum();
        return (switches, all > 0 ? voluntary / all : 0);
    }

    // Voluntary plus involuntary switches of each launch that has both.
    private static double[] SwitchTotals(CostRecord cost) =>
        cost.VoluntarySwitchesPerOperation is { } voluntary && cost.InvoluntarySwitchesPerOperation is { } involuntary
            ? [.. voluntary.Zip(involuntary, (v, i) => v + i).Where(v => v is not null).Select(v => v!.Value)]
            : [];

    /// <summary>
    /// The class's prior for CPU readings: fitted to the rows whose launches can enter an interval (launches that read
    /// no tick, or too few, cannot).
    /// </summary>
    /// <param name="question">The question.</param>
    internal static TrialVariancePrior Prior(QuestionResult question) =>
        TrialVariancePrior.Fit(question.Rows.Select(IntervalReadings).OfType<IReadOnlyList<double>>().Select(TrialEstimate.Logs));

    /// <summary>The row's CPU time per operation in each launch, where they can enter an interval; null otherwise.</summary>
    /// <param name="row">The row.</param>
    internal static IReadOnlyList<double>? IntervalReadings(RowResult row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.IsMeasured && row.Record.Facts?.Cost is CostRecord cost && Totals(cost) is { } cpu && CanEnterAnInterval(row, cpu) ? cpu : null;
    }

    private static RowCost Cost(RowResult row, IReadOnlyList<double> cpu, TrialVariancePrior prior, double confidenceLevel)
    {
        CostRecord record = row.Record.Facts!.Cost!;
        bool interval = CanEnterAnInterval(row, cpu);
        Estimate perOperation = interval ? TrialEstimate.Level(cpu, prior, confidenceLevel) : Estimate.Exact(Median(cpu));
        double user = record.CpuUserNanosecondsPerOperation.Sum(v => v ?? 0);
        double all = user + record.CpuSystemNanosecondsPerOperation.Sum(v => v ?? 0);
        double? peak = record.PeakResidentBytes?.Where(v => v is not null).Select(v => v!.Value).ToArray() is { Length: > 0 } peaks ? Median(peaks) : null;
        double? cores = row.Time is Estimate time && time.Value > 0 ? perOperation.Value / time.Value : null;
        return new RowCost(row, perOperation, all > 0 ? user / all : 0, cores, peak, cpu.Count, HasFewTicks(record));
    }

    // Two launches or more, every one with some CPU time and enough ticks that rounding to a tick does not decide.
    private static bool CanEnterAnInterval(RowResult row, IReadOnlyList<double> cpu) =>
        cpu.Count >= 2 && cpu.All(v => v > 0) && !HasFewTicks(row.Record.Facts!.Cost!);

    private static bool HasFewTicks(CostRecord cost) => cost.CpuTicks?.Any(t => t < CostRecord.MinTicksForAnInterval) == true;

    // User plus system time of each launch that has both.
    private static double[] Totals(CostRecord cost) =>
        [.. cost.CpuUserNanosecondsPerOperation.Zip(cost.CpuSystemNanosecondsPerOperation, (u, s) => u + s).Where(v => v is not null).Select(v => v!.Value)];

    private static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = [.. values.Order()];
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
