namespace ConcurrencyBench.Reporting.Results;

/// <summary>One benchmark of BenchmarkDotNet's full JSON export: its identity and its measured times.</summary>
/// <param name="Id">The case's full name (the export's FullName).</param>
/// <param name="Type">The class.</param>
/// <param name="Method">The method.</param>
/// <param name="Samples">Nanoseconds per operation of each actual iteration (the export's Workload Result measurements).</param>
/// <param name="Mean">BenchmarkDotNet's mean, in nanoseconds.</param>
/// <param name="ErrorMargin">BenchmarkDotNet's Error: the half-width of its 99.9% interval of the mean, in nanoseconds.</param>
/// <param name="SampleLaunches">The launch (BenchmarkDotNet's LaunchIndex) of each sample, in the order of
/// <paramref name="Samples"/>; null when every sample comes from one launch.</param>
/// <param name="LaunchesAreTrials">Whether launch t was measured in trial t of a trial run, as every other row's launch t.</param>
public sealed record MeasuredBenchmark(string Id, string Type, string Method, IReadOnlyList<double> Samples, double Mean, double? ErrorMargin, IReadOnlyList<int>? SampleLaunches = null, bool LaunchesAreTrials = false)
{
    /// <summary>
    /// Gets the samples of each launch, in launch order. A launch is a process of its own, started at its own moment:
    /// its samples share the state of the machine and of that process (the JIT's code, the heap's layout), so launches
    /// are the units that vary from one run to the next, not the samples inside one.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>> Launches { get; } = SampleLaunches is { } launches && launches.Count == Samples.Count
        ? [.. Samples.Zip(launches).GroupBy(p => p.Second).OrderBy(g => g.Key).Select(g => (IReadOnlyList<double>)[.. g.Select(p => p.First)])]
        : [Samples];

    /// <summary>Gets the number of launches with samples.</summary>
    public int LaunchCount => Launches.Count;

    /// <summary>
    /// Gets how the rows of this row's class varied between the trials of its run (set by the run's analysis); null
    /// outside one, where a trial row's interval comes from the launch bootstrap.
    /// </summary>
    public Statistics.TrialNoise? Noise { get; init; }

    /// <summary>Gets each launch's median, in launch order.</summary>
    public IReadOnlyList<double> LaunchMedians => [.. Launches.Select(l => Statistics.RatioEstimator.MedianOfSorted([.. l.Order()]))];

    /// <summary>The same benchmark with every sample multiplied by <paramref name="factor"/>, launches kept.</summary>
    /// <param name="factor">A positive factor.</param>
    public MeasuredBenchmark Scaled(double factor) => new(Id, Type, Method, [.. Samples.Select(s => s * factor)], Mean * factor, ErrorMargin * factor, SampleLaunches, LaunchesAreTrials) { Noise = Noise };
}
