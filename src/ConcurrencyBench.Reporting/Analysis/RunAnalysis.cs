using System.Globalization;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis;

/// <summary>A run read as answers: every row's time, speedup, efficiency and verdict, grouped by question.</summary>
public sealed class RunAnalysis
{
    private RunAnalysis(RunResults results, StatisticsSettings settings, IReadOnlyList<QuestionResult> questions)
    {
        Results = results;
        Settings = settings;
        Questions = questions;
    }

    /// <summary>Gets the results read.</summary>
    public RunResults Results { get; }

    /// <summary>Gets the significance level and threshold of every verdict.</summary>
    public StatisticsSettings Settings { get; }

    /// <summary>Gets one answer per benchmark class, in the run's order.</summary>
    public IReadOnlyList<QuestionResult> Questions { get; }

    /// <summary>Gets the run's record.</summary>
    public RunRecord Run => Results.Run;

    /// <summary>The question of class <paramref name="type"/>; null when the run has none.</summary>
    /// <param name="type">The class's name.</param>
    public QuestionResult? Question(string type) => Questions.FirstOrDefault(q => q.Class.Type == type);

    /// <summary>Analyses a results folder with the settings its run was made with.</summary>
    /// <param name="results">The results.</param>
    public static RunAnalysis Of(RunResults results) =>
        Of(results, new StatisticsSettings((results ?? throw new ArgumentNullException(nameof(results))).Run.Profile.SignificanceLevel, results.Run.Profile.ThresholdPercent));

    /// <summary>Analyses a results folder.</summary>
    /// <param name="results">The results.</param>
    /// <param name="settings">Significance level and threshold.</param>
    public static RunAnalysis Of(RunResults results, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(settings);
        var questions = new List<QuestionResult>();
        foreach (ClassRecord cls in results.Run.Classes)
        {
            BenchmarkRecord[] records = [.. results.Run.Benchmarks.Where(b => b.Type == cls.Type)];
            Dictionary<string, MeasuredBenchmark?> measurements = WithClassNoise(records, records.ToDictionary(
                r => r.Id, r => r.Status == BenchmarkStatus.Measured ? results.MeasurementsOf(r) : null));
            var measuredRows = records.ToDictionary(r => r.Id, r => Measure(r, measurements[r.Id], settings));
            var groups = new List<GroupResult>();
            foreach (IGrouping<string, BenchmarkRecord> group in records.GroupBy(r => r.Group))
            {
                var rows = new List<RowResult>();
                foreach (BenchmarkRecord record in group)
                {
                    rows.Add(Compare(cls, measuredRows[record.Id], group, records, measuredRows, settings));
                }

                groups.Add(Rank(group.Key, rows, settings));
            }

            questions.Add(new QuestionResult(cls, groups));
        }

        return new RunAnalysis(results, settings, questions);
    }

    // A trial run's rows carry their class's noise between trials: the priors fitted to every row's time by trial, and
    // to every row's time over its reference's, trial by trial (TrialEstimate moderates each row's interval toward them).
    private static Dictionary<string, MeasuredBenchmark?> WithClassNoise(BenchmarkRecord[] records, Dictionary<string, MeasuredBenchmark?> measurements)
    {
        MeasuredBenchmark[] trialRows = [.. measurements.Values.OfType<MeasuredBenchmark>().Where(m => m.LaunchesAreTrials && m.LaunchCount >= 2)];
        if (trialRows.Length == 0)
        {
            return measurements;
        }

        var ratios = new List<IReadOnlyList<double>>();
        foreach (IGrouping<string, BenchmarkRecord> group in records.GroupBy(r => r.Group))
        {
            foreach (BenchmarkRecord record in group)
            {
                if (measurements[record.Id] is { LaunchesAreTrials: true } row
                    && ReferenceOf(record, group) is { } reference
                    && measurements[reference.Id] is { LaunchesAreTrials: true } referenceRow
                    && row.LaunchCount == referenceRow.LaunchCount)
                {
                    ratios.Add(TrialEstimate.Logs(row.LaunchMedians.Zip(referenceRow.LaunchMedians, (x, y) => x / y)));
                }
            }
        }

        var noise = new TrialNoise(TrialVariancePrior.Fit(trialRows.Select(m => TrialEstimate.Logs(m.LaunchMedians))), TrialVariancePrior.Fit(ratios));
        return measurements.ToDictionary(p => p.Key, p => p.Value is { LaunchesAreTrials: true } m ? m with { Noise = noise } : p.Value);
    }

    // The row a row is compared with: the method it names, or its group's baseline.
    private static BenchmarkRecord? ReferenceOf(BenchmarkRecord record, IEnumerable<BenchmarkRecord> group) =>
        record.ComparedWith is string method
            ? group.FirstOrDefault(r => r.Matches(method))
            : record.IsBaseline ? null : group.FirstOrDefault(r => r.IsBaseline);

    private static RowResult Measure(BenchmarkRecord record, MeasuredBenchmark? measured, StatisticsSettings settings)
    {
        return new RowResult
        {
            Record = record,
            Measured = measured,
            Time = measured is null ? null : RowStatistics.Time(measured, settings),
        };
    }

    private static RowResult Compare(ClassRecord cls, RowResult row, IEnumerable<BenchmarkRecord> group, BenchmarkRecord[] classRecords, Dictionary<string, RowResult> rows, StatisticsSettings settings)
    {
        BenchmarkRecord record = row.Record;
        BenchmarkRecord? referenceRecord = ReferenceOf(record, group);
        RowResult? reference = referenceRecord is null ? null : rows[referenceRecord.Id];
        MeasuredBenchmark? referenceMeasured = reference?.Measured;
        string? estimateNote = null;
        if (referenceMeasured is null && reference is not null && cls.IdealTime?.Model == IdealTimeRecord.OneLatency)
        {
            (referenceMeasured, estimateNote) = EstimateBaseline(reference.Record, classRecords, rows);
        }

        IdealTimeRecord? ideal = cls.IdealTime;
        (ItemSchedule? schedule, double? bound, double? ceiling) = ScheduleOf(record, ideal);
        var result = row with
        {
            Reference = reference,
            SpeedupEstimateNote = estimateNote,
            Schedule = schedule,
            ScheduleBound = bound,
            SpeedupCeiling = ceiling,
        };
        if (!row.IsMeasured)
        {
            return result;
        }

        TimeRatio? versus = referenceMeasured is null ? null : RowStatistics.Compare(row.Measured!, referenceMeasured, settings);
        Estimate? speedup = versus?.Speedup;
        return result with
        {
            Speedup = speedup,
            VersusReference = versus?.Verdict,
            Efficiency = Efficiency(ideal, record, row.Time!.Value, speedup),
            GigabytesPerSecond = record.BytesPerOperation is double bytes ? row.Time!.Value.Invert(bytes) : null,
        };
    }

    // Which schedule a computing row follows and what it allows: K workers (or a fixed count, or one) take items in
    // list order, or largest first, and are bounded by that greedy schedule; a thread or task per item is time-sliced
    // by the operating system and follows no list, so only the ideal of any schedule bounds it.
    private static (ItemSchedule? Schedule, double? Bound, double? Ceiling) ScheduleOf(BenchmarkRecord record, IdealTimeRecord? ideal)
    {
        if (ideal?.ItemCosts is not { Count: > 0 } costs || record.Workers is null)
        {
            return (null, null, null);
        }

        if (record.Workers == "PerItem")
        {
            return (ItemSchedule.TimeSliced, null, ScheduleBounds.Ideal(costs, Math.Max(1, ideal.Cores)));
        }

        int workers = WorkersOf(record, ideal);
        double bound = record.IsLargestFirst ? ScheduleBounds.LargestFirst(costs, workers) : ScheduleBounds.ListOrder(costs, workers);
        return (record.IsLargestFirst ? ItemSchedule.LargestFirst : ItemSchedule.ListOrder, bound, bound);
    }

    // One ideal per workload and parameters, the same for every strategy.
    private static Estimate? Efficiency(IdealTimeRecord? ideal, BenchmarkRecord record, Estimate time, Estimate? speedup)
    {
        if (ideal is null)
        {
            return null;
        }

        if (ideal.Model == IdealTimeRecord.OneLatency)
        {
            return ideal.LatencyParameter is string p && double.TryParse(record.Parameter(p), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms)
                ? time.Invert(ms * 1e6)
                : null;
        }

        // Computing work: ideal = Sequential's time / the best speedup any schedule allows on these cores. The
        // baseline's is exact (its time is the ideal's unit): no interval, rather than a zero-width one.
        if (ideal.ItemCosts is not { Count: > 0 } costs)
        {
            return null;
        }

        double scale = 1 / ScheduleBounds.Ideal(costs, ideal.Cores);
        return record.IsBaseline ? Estimate.Exact(scale) : speedup?.Scale(scale);
    }

    private static int WorkersOf(BenchmarkRecord record, IdealTimeRecord? ideal)
    {
        int cores = Math.Max(1, ideal?.Cores ?? 1);
        return record.Workers switch
        {
            "One" => 1,
            "K" when record.Inputs?.AtOnce is int k => Math.Min(k, cores),
            string count when int.TryParse(count, NumberStyles.Integer, CultureInfo.InvariantCulture, out int fixedCount) && fixedCount > 0 => Math.Min(fixedCount, cores),
            _ => cores,
        };
    }

    // Sequential over a thousand 50 ms calls is too long to measure; its time is N times its per-call time at the
    // largest N where it was measured (same other parameters), which is what a blocking loop costs.
    private static (MeasuredBenchmark? Samples, string? Note) EstimateBaseline(BenchmarkRecord baseline, BenchmarkRecord[] classRecords, Dictionary<string, RowResult> rows)
    {
        if (baseline.Inputs?.Items is not int n)
        {
            return (null, null);
        }

        // The same method where only N differs: every parameter agrees but the one that sets the items.
        (BenchmarkRecord Record, double N)[] sources = [.. classRecords
            .Where(r => r.Matches(baseline.Reference) && r.Id != baseline.Id && rows[r.Id].IsMeasured)
            .Where(r => baseline.Parameters.Count(p => r.Parameter(p.Name) != p.Value) <= (r.Inputs?.Items == n ? 0 : 1))
            .Select(r => (Record: r, N: (double)(r.Inputs?.Items ?? 0)))
            .Where(r => r.N > 0)];
        if (sources.Length == 0)
        {
            return (null, null);
        }

        (BenchmarkRecord Record, double N) source = sources.MaxBy(r => r.N);

        double scale = n / source.N;
        return (rows[source.Record.Id].Measured!.Scaled(scale),
            string.Create(CultureInfo.InvariantCulture, $"estimated: {baseline.Method} was not run at N={n:0}; its time is taken as N times its measured per-call time at N={source.N:0}"));
    }

    private static GroupResult Rank(string key, List<RowResult> rows, StatisticsSettings settings)
    {
        // The baseline first and the largest-first variants last, whatever order BenchmarkDotNet ran them in (a
        // derived class's own methods come before its base class's); the others as they ran.
        rows = [.. rows.OrderBy(r => r.Record.IsBaseline ? 0 : r.Record.IsLargestFirst ? 2 : 1)];
        string title = rows[0].Record.ParameterText;
        var group = new GroupResult(key, title, rows);
        RowResult? fastest = rows.Where(r => r.IsMeasured && !r.Record.IsFloor).MinBy(r => r.Time!.Value.Value);
        if (fastest is null)
        {
            return group with { CanRank = false };
        }

        var candidates = rows.Where(r => r.IsMeasured && !r.Record.IsFloor).ToArray();
        var versusFastest = candidates.ToDictionary(r => r, r => ReferenceEquals(r, fastest) ? (Separation?)null : RowStatistics.Compare(r, fastest, settings).Verdict);
        bool canRank = versusFastest.Values.All(v => v != Separation.TooFewSamples);
        RowResult[] winners = canRank
            ? [.. candidates.Where(r => versusFastest[r] is null or Separation.NotSeparated)]
            : [fastest];
        return group with { Winners = winners, CanRank = canRank };
    }
}
