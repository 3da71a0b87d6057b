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
/// <param name="Verdict">The equivalence test: Slower or Faster by more than the threshold, or not separated.</param>
public sealed record ComparedBenchmark(string Type, string Id, string Name, Estimate Base, Estimate Current, Estimate Ratio, Separation Verdict);

/// <summary>
/// Two runs of the suite set side by side, benchmark by benchmark: the ratio of their times with its interval and the
/// equivalence test's verdict (Mann-Whitney, the settings' significance level and threshold). A regression is a
/// benchmark significantly slower by more than the threshold; everything else is noise or an improvement.
/// </summary>
public sealed class RunComparison
{
    private RunComparison(RunResults baseRun, RunResults current, StatisticsSettings settings, IReadOnlyList<ComparedBenchmark> benchmarks, IReadOnlyList<string> onlyInBase, IReadOnlyList<string> onlyInCurrent)
    {
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

    /// <summary>Gets every benchmark measured in both runs, in the current run's order.</summary>
    public IReadOnlyList<ComparedBenchmark> Benchmarks { get; }

    /// <summary>Gets the benchmarks measured in the base run only.</summary>
    public IReadOnlyList<string> OnlyInBase { get; }

    /// <summary>Gets the benchmarks measured in the current run only.</summary>
    public IReadOnlyList<string> OnlyInCurrent { get; }

    /// <summary>Gets the benchmarks significantly slower by more than the threshold.</summary>
    public IEnumerable<ComparedBenchmark> Regressions => Benchmarks.Where(b => b.Verdict == Separation.Slower);

    /// <summary>Compares two results folders.</summary>
    /// <param name="baseRun">The run compared against.</param>
    /// <param name="current">The run judged.</param>
    /// <param name="settings">Significance level and threshold.</param>
    public static RunComparison Of(RunResults baseRun, RunResults current, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(baseRun);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(settings);
        Dictionary<string, (BenchmarkRecord Record, MeasuredBenchmark Measured)> before = Measured(baseRun);
        Dictionary<string, (BenchmarkRecord Record, MeasuredBenchmark Measured)> after = Measured(current);
        var compared = new List<ComparedBenchmark>();
        foreach ((string id, (BenchmarkRecord record, MeasuredBenchmark now)) in after)
        {
            if (!before.TryGetValue(id, out var then))
            {
                continue;
            }

            compared.Add(new ComparedBenchmark(
                record.Type,
                id,
                $"{record.Method}({record.ParameterText})",
                MedianEstimator.Median(then.Measured.Samples, settings.ConfidenceLevel),
                MedianEstimator.Median(now.Samples, settings.ConfidenceLevel),
                RatioEstimator.Ratio(now.Samples, then.Measured.Samples, settings.ConfidenceLevel),
                SeparationTest.Compare(now.Samples, then.Measured.Samples, settings)));
        }

        return new RunComparison(
            baseRun,
            current,
            settings,
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
