using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Comparison;

/// <summary>One benchmark measured in both runs: how its time moved.</summary>
/// <param name="Type">The class.</param>
/// <param name="Id">The benchmark's full name.</param>
/// <param name="Name">"Method(parameters)".</param>
/// <param name="Base">The base run's median time [interval], in nanoseconds.</param>
/// <param name="Current">The current run's median time [interval], in nanoseconds.</param>
/// <param name="Ratio">Current time / base time (Hodges-Lehmann ratio [interval]): above 1 is slower.</param>
/// <param name="Verdict">The threshold test: Slower or Faster by more than the threshold, or not separated.</param>
/// <param name="Gated">Whether a slowdown of this benchmark fails the comparison (its class is gated).</param>
public sealed record ComparedBenchmark(string Type, string Id, string Name, Estimate Base, Estimate Current, Estimate Ratio, Separation Verdict, bool Gated)
{
    /// <summary>
    /// Whether the benchmark regressed: gated, significantly slower by more than the threshold, and with its whole
    /// interval of the ratio beyond the threshold (a slowdown the interval only grazes is not one).
    /// </summary>
    /// <param name="thresholdPercent">The threshold.</param>
    public bool IsRegression(double thresholdPercent) => Gated && Verdict == Separation.Slower && Ratio.Lower > 1 + (thresholdPercent / 100);
}

/// <summary>Which classes a slowdown fails the comparison for.</summary>
public enum GateScope
{
    /// <summary>The strategy comparisons (.NET and CPython): operations of 50 ms and more, the suite's main answers.</summary>
    Strategies,

    /// <summary>Every class, the sub-millisecond data-movement and process-start rows too.</summary>
    All,
}

/// <summary>
/// Two runs of the suite set side by side, benchmark by benchmark: the ratio of their times with its interval and the
/// threshold test's verdict at the same level (<see cref="RowStatistics"/>). A regression is a
/// benchmark significantly slower by more than the threshold; everything else is noise or an improvement.
/// </summary>
public sealed class RunComparison
{
    private RunComparison(RunResults baseRun, RunResults current, StatisticsSettings settings, GateScope gate, bool paired, IReadOnlyList<ComparedBenchmark> benchmarks, IReadOnlyList<string> onlyInBase, IReadOnlyList<string> onlyInCurrent)
    {
        IsPaired = paired;
        Gate = gate;
        BaseRun = baseRun;
        Current = current;
        Settings = settings;
        Benchmarks = benchmarks;
        OnlyInBase = onlyInBase;
        OnlyInCurrent = onlyInCurrent;
    }

    /// <summary>Gets the base run.</summary>
    public RunResults BaseRun { get; }

    /// <summary>Gets the current run.</summary>
    public RunResults Current { get; }

    /// <summary>Gets the significance level and threshold.</summary>
    public StatisticsSettings Settings { get; }

    /// <summary>Gets which classes a slowdown fails the comparison for.</summary>
    public GateScope Gate { get; }

    /// <summary>Gets a value indicating whether the runs' trials were compared trial by trial (measured interleaved).</summary>
    public bool IsPaired { get; }

    /// <summary>Gets every benchmark measured in both runs, in the current run's order.</summary>
    public IReadOnlyList<ComparedBenchmark> Benchmarks { get; }

    /// <summary>Gets the benchmarks measured in the base run only.</summary>
    public IReadOnlyList<string> OnlyInBase { get; }

    /// <summary>Gets the benchmarks measured in the current run only.</summary>
    public IReadOnlyList<string> OnlyInCurrent { get; }

    /// <summary>Gets the regressions: gated benchmarks significantly slower by more than the threshold.</summary>
    public IEnumerable<ComparedBenchmark> Regressions => Benchmarks.Where(b => b.IsRegression(Settings.ThresholdPercent));

    /// <summary>Compares two results folders.</summary>
    /// <param name="baseRun">The run compared against.</param>
    /// <param name="current">The run judged.</param>
    /// <param name="settings">Significance level and threshold.</param>
    /// <param name="gate">Which classes a slowdown fails the comparison for.</param>
    /// <param name="paired">Whether trial t of the two runs was measured side by side (the interleaved measurement of
    /// two builds, base and head trials alternating): the ratio is then resampled trial by trial, so that the machine's
    /// drift between trials falls on both sides. Runs measured at unrelated moments are never paired.</param>
    /// <exception cref="ResultsException"><paramref name="paired"/> is asked for runs that are not trials of equal count.</exception>
    public static RunComparison Of(RunResults baseRun, RunResults current, StatisticsSettings settings, GateScope gate = GateScope.Strategies, bool paired = false)
    {
        ArgumentNullException.ThrowIfNull(baseRun);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(settings);
        if (paired && (baseRun.Run.Trials is not { } b || current.Run.Trials is not { } c || b.Count != c.Count || b.Count < 2))
        {
            throw new ResultsException($"--paired compares runs whose trials were measured side by side, the same number on each side (scripts/compare-builds.sh measures them so); {baseRun.Folder} has {baseRun.Run.Trials?.Count ?? 1} trial(s) and {current.Folder} {current.Run.Trials?.Count ?? 1}: compare them without --paired.");
        }

        Dictionary<string, (BenchmarkRecord Record, MeasuredBenchmark Measured)> before = Measured(baseRun);
        Dictionary<string, (BenchmarkRecord Record, MeasuredBenchmark Measured)> after = Measured(current);
        var compared = new List<ComparedBenchmark>();
        foreach ((string id, (BenchmarkRecord record, MeasuredBenchmark now)) in after)
        {
            if (!before.TryGetValue(id, out var then))
            {
                continue;
            }

            // Trial t of one run and trial t of another ran at unrelated moments unless they were interleaved: paired only
            // then, and the base row's samples resampled apart from the current row's (the bootstrap seeds by the row's
            // name, the same in both).
            MeasuredBenchmark nowRow = now with { LaunchesAreTrials = paired };
            MeasuredBenchmark thenRow = then.Measured with { Id = then.Measured.Id + " (base run)", LaunchesAreTrials = paired };
            // Two trial runs are compared trial by trial; a row measured in one launch on either side (the CPython
            // exercises, which run once after the trials) carries no run-to-run spread, so the test cannot judge it.
            TimeRatio versus = RowStatistics.Compare(nowRow, thenRow, settings);
            if (baseRun.Run.Trials is not null && current.Run.Trials is not null && (nowRow.LaunchCount == 1 || thenRow.LaunchCount == 1))
            {
                versus = versus with { Verdict = Separation.TooFewSamples };
            }

            compared.Add(new ComparedBenchmark(
                record.Type,
                id,
                $"{record.Method}({record.ParameterText})",
                RowStatistics.Time(thenRow, settings),
                RowStatistics.Time(nowRow, settings),
                versus.Ratio,
                versus.Verdict,
                gate == GateScope.All || current.IsPlainExport || baseRun.IsPlainExport || current.ClassOf(record.Type)?.Kind == QuestionKind.StrategyComparison));
        }

        return new RunComparison(
            baseRun,
            current,
            settings,
            gate,
            paired,
            compared,
            [.. before.Keys.Where(id => !after.ContainsKey(id)).Select(id => Name(before[id].Record))],
            [.. after.Keys.Where(id => !before.ContainsKey(id)).Select(id => Name(after[id].Record))]);
    }

    /// <summary>The geometric mean of the time ratios of a class's benchmarks (above 1: slower overall).</summary>
    /// <param name="type">The class.</param>
    public double? GeometricMeanRatio(string type)
    {
        double[] logs = [.. Benchmarks.Where(b => b.Type == type).Select(b => Math.Log(b.Ratio.Value))];
        return logs.Length == 0 ? null : Math.Exp(logs.Average());
    }

    private static Dictionary<string, (BenchmarkRecord, MeasuredBenchmark)> Measured(RunResults results)
    {
        var measured = new Dictionary<string, (BenchmarkRecord, MeasuredBenchmark)>(StringComparer.Ordinal);
        foreach (BenchmarkRecord record in results.Run.Benchmarks.Where(b => b.Status == BenchmarkStatus.Measured))
        {
            if (results.MeasurementsOf(record) is MeasuredBenchmark m)
            {
                measured[record.Id] = (record, m);
            }
        }

        return measured;
    }

    private static string Name(BenchmarkRecord record) => $"{record.Type}.{record.Method}({record.ParameterText})";
}
