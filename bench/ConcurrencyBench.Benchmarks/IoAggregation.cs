using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// I/O-bound: a dashboard aggregates N slow, independent API calls of LatencyMs each.
/// Sequential code spends N latencies waiting; concurrent code can wait for all of them at once.
/// </summary>
[IdealTime(IdealTimeModel.Latency)]
[BenchmarkCategory(Categories.IoBound)]
public class IoAggregation : StrategyComparison<string>
{
    /// <summary>The number of API calls.</summary>
    [Params(5, 100, 1000)]
    public int N { get; set; }

    /// <summary>The simulated latency of one call, in milliseconds.</summary>
    [Params(50)]
    public int LatencyMs { get; set; }

    /// <summary>
    /// The worker count of the bounded strategies. Waiting work needs far more workers than cores:
    /// K bounds how many calls wait at once.
    /// </summary>
    [Params(64)]
    public int K { get; set; }

    /// <inheritdoc />
    protected override int Workers => K;

    /// <inheritdoc />
    protected override IWorkload<string> CreateWorkload() => new ApiAggregationWorkload(N, TimeSpan.FromMilliseconds(LatencyMs));

    /// <inheritdoc />
    protected override IReadOnlyList<string> ExpectedResults(IWorkload<string> workload) =>
        Enumerable.Range(0, workload.Count).Select(ApiAggregationWorkload.ExpectedResult).ToArray();
}
