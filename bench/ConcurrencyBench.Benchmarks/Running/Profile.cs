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
    /// Three trials (each case once per trial, in its own launch, the trials in random orders over every class); in each
    /// launch one warmup and at least 3 iterations of 50 ms, until the Error is under 4% of the mean, and at most 4; the
    /// strategy comparisons, whose calls take 50 ms or more, make one call per iteration and skip the pilot; the rows
    /// whose lesson a cheaper row teaches are left to the full profile. The iterations of one launch buy little on a
    /// shared machine (each launch has its own level: the dimensioning run in results/reference/), so the quick
    /// profile spends its time on trials. About 14 to 15 minutes on 2 cores from a fresh clone (14 min 36 s at 738f187:
    /// results/reference/amd-epyc-2core-linux-quick-floor-chunks/).
    /// </summary>
    public static readonly Profile Quick = new(
        "quick",
        QuickJob(minIterations: 3, maxIterations: 4, "Quick").WithInvocationCount(1).WithUnrollFactor(1),
        idealTimeBudget: TimeSpan.FromSeconds(1),
        appliesQuickCuts: true,
        trials: 3,
        coldSamplesPerTrial: 3,
        waitingWorkJob: QuickJob(minIterations: 3, maxIterations: 4, "QuickWaits").WithInvocationCount(1).WithUnrollFactor(1),
        otherClassesJob: QuickJob(minIterations: 3, maxIterations: 4, "QuickShort"));

    /// <summary>
    /// Three trials; in each launch at least 7 and at most 14 iterations, until the Error is under 2% of the mean,
    /// after two warmups; every row but the few too slow for any profile, and cases up to 10 s a call. Not yet run with
    /// trials; the same iterations over three launches instead of two: somewhat over two hours on 2 cores.
    /// </summary>
    public static readonly Profile Full = new(
        "full",
        Job.Default.WithLaunchCount(1).WithWarmupCount(2)
            .WithMinIterationCount(7).WithMaxIterationCount(14).WithMaxRelativeError(0.02)
            .WithOutlierMode(OutlierMode.DontRemove).WithId("Full"),
        idealTimeBudget: TimeSpan.FromSeconds(10),
        appliesQuickCuts: false,
        trials: 3,
        coldSamplesPerTrial: 4,
        waitingWorkJob: null,
        otherClassesJob: null);

    private readonly Job _waitingWorkJob;
    private readonly Job _otherClassesJob;

    private Profile(string name, Job job, TimeSpan idealTimeBudget, bool appliesQuickCuts, int trials, int coldSamplesPerTrial, Job? waitingWorkJob, Job? otherClassesJob)
    {
        Name = name;
        Trials = trials;
        ColdSamples = coldSamplesPerTrial;
        Job = job;
        IdealTimeBudget = idealTimeBudget;
        AppliesQuickCuts = appliesQuickCuts;
        _waitingWorkJob = waitingWorkJob ?? job;
        _otherClassesJob = otherClassesJob ?? job;
    }

    private static Job QuickJob(int minIterations, int maxIterations, string id) =>
        Job.Default.WithLaunchCount(1).WithWarmupCount(1)
            .WithMinIterationCount(minIterations).WithMaxIterationCount(maxIterations).WithMaxRelativeError(0.04)
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

    /// <summary>
    /// Gets the trials a run of this profile makes unless <c>--trials</c> says otherwise (one when <c>--job</c> or
    /// <c>--in-process</c> replaces the profile's launches).
    /// </summary>
    public int Trials { get; }

    /// <summary>Gets the launches a class that takes one fresh process per sample makes in each trial (its samples).</summary>
    public int ColdSamples { get; }

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
