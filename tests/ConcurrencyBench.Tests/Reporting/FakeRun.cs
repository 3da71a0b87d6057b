using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Tests.Reporting;

/// <summary>Builds runs in memory for the reporting rules: classes, rows and samples chosen by the test.</summary>
internal sealed class FakeRun
{
    private readonly List<ClassRecord> _classes = [];
    private readonly List<BenchmarkRecord> _benchmarks = [];
    private readonly List<MeasuredBenchmark> _measured = [];
    private CoreScalingRecord? _coreScaling;
    private double? _steal;
    private long? _timerTick;

    public static MachineRecord Machine { get; } = new("Test CPU", 2, 2, 8L << 30, "Linux", ".NET 10.0.0", "X64");

    public FakeRun Class(string type, QuestionKind kind, IdealTimeRecord? ideal = null, int? items = null, GranularityRecord? granularity = null)
    {
        _classes.Add(new ClassRecord(type, type + " question", kind, 10, ideal, items, null, Granularity: granularity));
        return this;
    }

    /// <summary>Adds a row; samples in nanoseconds (null: skipped, with a reason).</summary>
    public FakeRun Row(
        string type,
        string method,
        double[]? samples,
        (string Name, string Value)[]? parameters = null,
        bool baseline = false,
        string? workers = null,
        string? waits = null,
        bool floor = false,
        string? comparedWith = null,
        double? bytes = null,
        int? peakThreads = null,
        bool largestFirst = false,
        ClusterRecord? cluster = null,
        string? role = null,
        string? listOrderTwin = null,
        string? transport = null,
        string? workerBuild = null,
        string? format = null,
        CostRecord? cost = null)
    {
        ParameterRecord[] ps = [.. (parameters ?? []).Select(p => new ParameterRecord(p.Name, p.Value))];
        string group = string.Join(", ", ps.Select(p => $"{p.Name}={p.Value}"));
        string id = $"{type}.{method}({group})";
        _benchmarks.Add(new BenchmarkRecord(
            id, type, method, ps, group, baseline, [], comparedWith, floor, workers, waits, bytes, null,
            samples is null ? BenchmarkStatus.Skipped : BenchmarkStatus.Measured,
            samples is null ? "too expensive for this profile" : null,
            samples is null ? null : new ValidationRecord(samples.Length, 0, samples.Length, samples.Length),
            new FactsRecord(peakThreads, null, null, Cluster: cluster, Cost: cost),
            Order: largestFirst ? BenchmarkRecord.LargestFirstOrder : null,
            Role: role,
            ListOrderTwin: listOrderTwin,
            Inputs: InputsOf(ps),
            Transport: transport,
            WorkerBuild: workerBuild,
            Format: format));
        if (samples is not null)
        {
            _measured.Add(new MeasuredBenchmark(id, type, method, samples, samples.Average(), null));
        }

        return this;
    }

    // What the benchmark side writes from the parameters it marks: the suite's N, K, PayloadBytes, Passes and LatencyMs, typed.
    private static InputsRecord? InputsOf(ParameterRecord[] ps)
    {
        int? Int(string name) => ps.FirstOrDefault(p => p.Name == name) is { } p ? int.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        double? latency = ps.FirstOrDefault(p => p.Name == "LatencyMs") is { } l ? double.Parse(l.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        var inputs = new InputsRecord(Int("N"), Int("K"), Int("PayloadBytes"), Int("Passes"), latency);
        return inputs == new InputsRecord() ? null : inputs;
    }

    public RunResults Build(string folder = "/nonexistent") => RunResults.Create(folder, Record(), _measured);

    public RunResults Build(CPythonRecord cpython) => RunResults.Create("/nonexistent", Record() with { CPython = cpython }, _measured);

    /// <summary>Sets the run's check of the cores' ceiling.</summary>
    public FakeRun CoreScaling(int threads, params double[] speedups)
    {
        _coreScaling = new CoreScalingRecord(threads, speedups);
        return this;
    }

    /// <summary>Sets the run's hypervisor steal, in percent.</summary>
    public FakeRun Steal(double percent)
    {
        _steal = percent;
        return this;
    }

    /// <summary>Sets the step, in milliseconds, of the run's timer clock.</summary>
    public FakeRun TimerTick(long milliseconds)
    {
        _timerTick = milliseconds;
        return this;
    }

    public RunRecord Record() => new()
    {
        CoreScaling = _coreScaling,
        StealPercent = _steal,
        TimerTickMilliseconds = _timerTick,
        Suite = new SuiteRecord("ConcurrencyBench", "1.0.0", "0123456789abcdef", false),
        Profile = new ProfileRecord("quick", "Quick(test)", 0.01, 5, 1),
        Machine = Machine,
        Started = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero),
        Ended = new DateTimeOffset(2026, 11, 25, 12, 6, 30, TimeSpan.Zero),
        Classes = _classes,
        Benchmarks = _benchmarks,
    };

    public IReadOnlyList<MeasuredBenchmark> Measured => _measured;

    /// <summary>Writes the run into a folder as the suite does: run.json and a full JSON export per class.</summary>
    public string WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        RunResults.WriteRun(folder, Record());
        foreach (IGrouping<string, MeasuredBenchmark> type in _measured.GroupBy(m => m.Type))
        {
            // The shape of BenchmarkDotNet's full JSON export, reduced to what the reader uses (an undefined margin is "").
            var export = new
            {
                Title = type.Key,
                Benchmarks = type.Select(m => new
                {
                    FullName = m.Id,
                    m.Type,
                    m.Method,
                    Statistics = new { m.Mean, ConfidenceInterval = new { Margin = "" } },
                    Measurements = m.Samples.Select(s => new { IterationMode = "Workload", IterationStage = "Result", Operations = 2, Nanoseconds = s * 2 }),
                }),
            };
            File.WriteAllText(Path.Combine(folder, $"ConcurrencyBench.Benchmarks.{type.Key}-report-full.json"), System.Text.Json.JsonSerializer.Serialize(export));
        }

        return folder;
    }

    /// <summary>n samples spread evenly around <paramref name="center"/> by ±<paramref name="spread"/> (a fraction).</summary>
    public static double[] Around(double center, int n = 10, double spread = 0.01) =>
        [.. Enumerable.Range(0, n).Select(i => center * (1 - spread + (2 * spread * i / Math.Max(1, n - 1))))];
}
