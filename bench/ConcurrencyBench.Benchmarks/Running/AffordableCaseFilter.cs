using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using ConcurrencyBench.Benchmarks.Infrastructure;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// Leaves out the cases a profile does not run, and remembers why: cases whose time by their parameters alone
/// exceeds the profile's budget, and, in the quick profile, rows whose lesson a cheaper row already teaches.
/// </summary>
internal sealed class AffordableCaseFilter(Profile profile) : IFilter
{
    private readonly ConcurrentDictionary<BenchmarkCase, string> _skipped = new();

    /// <summary>Gets the cases left out so far, with the reason.</summary>
    public IReadOnlyDictionary<BenchmarkCase, string> Skipped => _skipped;

    public bool Predicate(BenchmarkCase benchmarkCase)
    {
        string? reason = ReasonToSkip(benchmarkCase, profile);
        if (reason is null)
        {
            return true;
        }

        _skipped.TryAdd(benchmarkCase, reason);
        return false;
    }

    /// <summary>Why <paramref name="profile"/> does not run the case; null when it does.</summary>
    public static string? ReasonToSkip(BenchmarkCase benchmarkCase, Profile profile)
    {
        if (benchmarkCase.Descriptor.Type.GetCustomAttribute<DescriptorsPerItemAttribute>(inherit: true) is { } descriptors
            && benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value is int items
            && DescriptorLimit.ReasonToSkip(items, descriptors.PerItem, DescriptorLimit.Current) is string tooMany)
        {
            return tooMany;
        }

        if (benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<PlainCAttribute>() is not null && PlainCFloor.MissingReason is string noCompiler)
        {
            return noCompiler;
        }

        if (OverheadTime(benchmarkCase) is (double overheadNs, string overheadText) && overheadNs > profile.IdealTimeBudget.TotalNanoseconds)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"{overheadText} take at least {overheadNs / 1e9:0.###} s a call, over the {profile.Name} profile's budget of {profile.IdealTimeBudget.TotalSeconds:0.###} s a call");
        }

        double? minimumNs = MinimumTime(benchmarkCase);
        if (minimumNs > profile.IdealTimeBudget.TotalNanoseconds)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"one call takes at least {minimumNs.Value / 1e9:0.###} s by its parameters alone, over the {profile.Name} profile's budget of {profile.IdealTimeBudget.TotalSeconds:0.###} s a call");
        }

        foreach (QuickProfileCutAttribute cut in benchmarkCase.Descriptor.Type.GetCustomAttributes<QuickProfileCutAttribute>(inherit: true))
        {
            if ((profile.AppliesQuickCuts || cut.InFullProfileToo)
                && benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == cut.Parameter)?.Value is int value
                && cut.Cuts(benchmarkCase.Descriptor.WorkloadMethod.Name, value))
            {
                return (cut.InFullProfileToo ? "left out of every profile: " : "left to the full profile: ") + cut.Reason;
            }
        }

        return null;
    }

    // Equal items of a set size: a strategy that spends a known overhead on every item (a process start, a round trip
    // to a worker, a thread start) spends at least items x overhead over the cores, whatever the items compute.
    private static (double Nanoseconds, string Text)? OverheadTime(BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<ItemOverheadAttribute>() is not { } overhead
            || benchmarkCase.Descriptor.Type.GetCustomAttribute<QuestionAttribute>(inherit: true) is not { SizeParameter: string size, TotalWork: > 0 } question
            || benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == size)?.Value is not int perItem || perItem <= 0)
        {
            return null;
        }

        double items = Math.Ceiling(question.TotalWork / perItem);
        int cores = Math.Max(1, Environment.ProcessorCount);
        return (items * overhead.Microseconds * 1e3 / cores,
            string.Create(CultureInfo.InvariantCulture, $"{items:#,0} {overhead.What} of about {overhead.Microseconds:#,0.#} µs each, over {cores} cores,"));
    }

    // Waiting work: a strategy that runs w calls at once needs at least ceil(N / w) latencies.
    private static double? MinimumTime(BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Descriptor.Type.GetCustomAttribute<IdealTimeAttribute>(inherit: true)?.Model != IdealTimeModel.Latency)
        {
            return null;
        }

        int n = Parameter(benchmarkCase, "N");
        WorkersAttribute? bound = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<WorkersAttribute>();
        int workers = bound?.Bound switch
        {
            WorkerBound.One => 1,
            WorkerBound.K => Parameter(benchmarkCase, "K"),
            WorkerBound.Fixed => bound.Count,
            _ => n,
        };
        return n == 0 ? 0 : Math.Ceiling(n / (double)Math.Max(1, workers)) * Parameter(benchmarkCase, "LatencyMs") * 1e6;
    }

    private static int Parameter(BenchmarkCase benchmarkCase, string name) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value is int value
            ? value
            : throw new InvalidOperationException($"{benchmarkCase.Descriptor.Type.Name} uses the latency ideal-time model but has no int parameter '{name}'.");
}
