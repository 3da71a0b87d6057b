using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;
using Perfolizer.Mathematics.OutlierDetection;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>How long and how accurately the suite measures.</summary>
/// <remarks>
/// Both profiles keep every sample (<see cref="OutlierMode.DontRemove"/>): stalls are what some strategies cause, and
/// removing them would flatter the stalling ones. Both stop a benchmark once BenchmarkDotNet's Error (the half-width of
/// its 99.9% interval of the mean) is under a share of the mean, between a minimum and a maximum of iterations, so
/// that samples go where the variance is. The minimum lets the threshold test decide at the verdicts' level.
/// </remarks>
public sealed class Profile
{
    /// <summary>
    /// At least 8 iterations of 50 ms, until the Error is under 4% of the mean, and at most: 12 for waiting work (its
    /// samples are cheap, and thread creation makes some of them noisy), 10 for computing work (a second or so each),
    /// 10 for the other classes (whose figures the error target does not cover); one warmup; the strategy comparisons,
    /// whose calls take 50 ms or more, make one call per iteration and skip the pilot; the rows whose lesson a cheaper
    /// row teaches are left to the full profile. The whole suite in under 10 minutes on 2 cores.
    /// </summary>
    public static readonly Profile Quick = new(
        "quick",
        QuickJob(maxIterations: 10, "Quick").WithInvocationCount(1).WithUnrollFactor(1),
        idealTimeBudget: TimeSpan.FromSeconds(1),
        appliesQuickCuts: true,
        waitingWorkJob: QuickJob(maxIterations: 12, "QuickWaits").WithInvocationCount(1).WithUnrollFactor(1),
        otherClassesJob: QuickJob(maxIterations: 10, "QuickShort"));

    /// <summary>
    /// Two launches of at least 10 and at most 20 iterations each, until the Error is under 2% of the mean, after two
    /// warmups; every row but the few too slow for any profile, and cases up to 10 s a call. About 35 minutes on 2 cores.
    /// </summary>
    public static readonly Profile Full = new(
        "full",
        Job.Default.WithLaunchCount(2).WithWarmupCount(2)
            .WithMinIterationCount(10).WithMaxIterationCount(20).WithMaxRelativeError(0.02)
            .WithOutlierMode(OutlierMode.DontRemove).WithId("Full"),
        idealTimeBudget: TimeSpan.FromSeconds(10),
        appliesQuickCuts: false,
        waitingWorkJob: null,
        otherClassesJob: null);

    private readonly Job _waitingWorkJob;
    private readonly Job _otherClassesJob;

    private Profile(string name, Job job, TimeSpan idealTimeBudget, bool appliesQuickCuts, Job? waitingWorkJob, Job? otherClassesJob)
    {
        Name = name;
        Job = job;
        IdealTimeBudget = idealTimeBudget;
        AppliesQuickCuts = appliesQuickCuts;
        _waitingWorkJob = waitingWorkJob ?? job;
        _otherClassesJob = otherClassesJob ?? job;
    }

    private static Job QuickJob(int maxIterations, string id) =>
        Job.Default.WithLaunchCount(1).WithWarmupCount(1)
            .WithMinIterationCount(8).WithMaxIterationCount(maxIterations).WithMaxRelativeError(0.04)
            .WithIterationTime(TimeInterval.FromMilliseconds(50))
            .WithOutlierMode(OutlierMode.DontRemove).WithId(id);

    /// <summary>Gets every profile.</summary>
    public static IReadOnlyList<Profile> All { get; } = [Quick, Full];

    /// <summary>Gets the name given to <c>--profile</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the job every benchmark runs under, unless <c>--job</c> names others.</summary>
    public Job Job { get; }

    /// <summary>
    /// Gets the longest a benchmark case may take by its parameters alone: cases above it (Sequential over a thousand
    /// 50 ms calls is 50 s a call) are skipped, and say so.
    /// </summary>
    public TimeSpan IdealTimeBudget { get; }

    /// <summary>Gets a value indicating whether BenchmarkDotNet's memory and threading diagnosers run (the full profile).</summary>
    public bool MeasuresAllocationsAndThreads => !AppliesQuickCuts;

    /// <summary>Gets the launches a class that takes one fresh process per sample makes (its samples).</summary>
    public int ColdSamples => AppliesQuickCuts ? 8 : 12;

    /// <summary>Gets a value indicating whether the rows marked <see cref="Infrastructure.QuickProfileCutAttribute"/> are left out.</summary>
    public bool AppliesQuickCuts { get; }

    /// <summary>
    /// The job of a benchmark class: <see cref="Job"/> for computing work; in the quick profile, a longer cap for
    /// waiting work and a shorter one for the classes outside the strategy comparisons.
    /// </summary>
    /// <param name="type">The benchmark class.</param>
    public Job JobFor(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Attribute.IsDefined(type, typeof(Infrastructure.ColdProcessPerSampleAttribute), inherit: true))
        {
            // One fresh process per sample: what a process that has not warmed its thread pool sees.
            return Job.Default.WithStrategy(BenchmarkDotNet.Engines.RunStrategy.ColdStart)
                .WithLaunchCount(ColdSamples).WithWarmupCount(0).WithIterationCount(1)
                .WithInvocationCount(1).WithUnrollFactor(1)
                .WithOutlierMode(OutlierMode.DontRemove).WithId(Name == "quick" ? "QuickCold" : "FullCold");
        }

        return type.GetCustomAttributes(typeof(Infrastructure.IdealTimeAttribute), inherit: true)
            .Cast<Infrastructure.IdealTimeAttribute>().FirstOrDefault()?.Model switch
            {
                Infrastructure.IdealTimeModel.Latency => _waitingWorkJob,
                Infrastructure.IdealTimeModel.WorkOverCores => Job,
                _ => _otherClassesJob,
            };
    }

    /// <summary>Finds a profile by name (case-insensitive); null when there is none.</summary>
    /// <param name="name">The name.</param>
    public static Profile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
