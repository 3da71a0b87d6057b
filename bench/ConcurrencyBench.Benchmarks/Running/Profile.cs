using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>How long and how accurately the suite measures.</summary>
public sealed class Profile
{
    /// <summary>A few iterations per benchmark: the whole suite in under 10 minutes on 2 cores.</summary>
    public static readonly Profile Quick = new(
        "quick",
        Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
            .WithIterationTime(TimeInterval.FromMilliseconds(250)).WithId("Quick"),
        idealTimeBudget: TimeSpan.FromSeconds(1));

    /// <summary>BenchmarkDotNet's default accuracy: as many iterations as the statistics need.</summary>
    public static readonly Profile Full = new("full", Job.Default.WithId("Full"), idealTimeBudget: TimeSpan.FromSeconds(10));

    private Profile(string name, Job job, TimeSpan idealTimeBudget)
    {
        Name = name;
        Job = job;
        IdealTimeBudget = idealTimeBudget;
    }

    /// <summary>Gets every profile.</summary>
    public static IReadOnlyList<Profile> All { get; } = [Quick, Full];

    /// <summary>Gets the name given to <c>--profile</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the job every benchmark runs under, unless <c>--job</c> names others.</summary>
    public Job Job { get; }

    /// <summary>
    /// Gets the longest ideal time a benchmark case may have: cases above it (Sequential over a thousand
    /// 50 ms calls is 50 s a call) are skipped, and say so.
    /// </summary>
    public TimeSpan IdealTimeBudget { get; }

    /// <summary>Finds a profile by name (case-insensitive); null when there is none.</summary>
    /// <param name="name">The name.</param>
    public static Profile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
