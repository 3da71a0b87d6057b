using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// CPU-bound: trial-division prime checks of the 20 classic numbers (up to 5 * 10^7 divisions each).
/// Only as many items as there are cores can compute at once.
/// </summary>
[Question("Computing work: 20 trial-division prime checks; which model uses the cores?", QuestionKind.StrategyComparison, Order = 2)]
[IdealTime(IdealTimeModel.WorkOverCores, ItemCosts = nameof(ItemCosts), CostUnit = "trial divisions")]
[BenchmarkCategory(Categories.CpuBound)]
[QuickProfileCut(nameof(ProcessPerItem), nameof(K), "a worker process started per item: IoAggregation at N=5 and ProcessStartup show what a start costs, and ProcessPool shows worker processes computing; each call here takes a second or more")]
public class PrimeChecks : StrategyComparison<bool>
{
    /// <summary>The worker count of the bounded strategies: the cores of this machine.</summary>
    [ParamsSource(nameof(CoreCounts))]
    public int K { get; set; }

    /// <summary>Gets the values of <see cref="K"/>.</summary>
    public static IEnumerable<int> CoreCounts => [Environment.ProcessorCount];

    /// <summary>Gets the work of each item: the divisions its trial division makes (the ideal time and the schedule bounds read it).</summary>
    public static IReadOnlyList<double> ItemCosts => [.. PrimeNumbers.Classic.Select(n => (double)TrialDivisions.Count(n))];

    /// <inheritdoc />
    protected override int Workers => K;

    /// <inheritdoc />
    protected override IWorkload<bool> CreateWorkload() => new PrimeCheckWorkload(PrimeNumbers.Classic);

    /// <inheritdoc />
    protected override IReadOnlyList<bool> ExpectedResults(IWorkload<bool> workload) =>
        [.. PrimeNumbers.Classic.Select(n => KnownPrimality.IsPrime(n))];
}
