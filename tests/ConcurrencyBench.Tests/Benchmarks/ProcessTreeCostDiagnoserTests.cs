using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using ConcurrencyBench.Benchmarks.Infrastructure;

namespace ConcurrencyBench.Tests.Benchmarks;

/// <summary>The cost per operation divides by the operations its readings bracket: the measured iterations alone.</summary>
public sealed class ProcessTreeCostDiagnoserTests
{
    [Fact]
    public void ActualOperations_CountsTheMeasuredWorkloadIterationsAlone()
    {
        // A quick launch of a 0.9 s operation: jitting, warmup, four actual iterations and their four results, and the
        // overhead's own actual iterations. BenchmarkDotNet's TotalOperations counts all ten workload operations; the
        // readings bracket the four actual ones (found on a quick run: every CPU figure was 4/10 of what it was).
        Measurement[] launch =
        [
            new(1, IterationMode.Workload, IterationStage.Jitting, 1, 1, 878e6),
            new(1, IterationMode.Workload, IterationStage.Warmup, 1, 1, 869e6),
            new(1, IterationMode.Overhead, IterationStage.Actual, 1, 1, 100),
            .. Enumerable.Range(1, 4).Select(i => new Measurement(1, IterationMode.Workload, IterationStage.Actual, i, 1, 880e6)),
            .. Enumerable.Range(1, 4).Select(i => new Measurement(1, IterationMode.Workload, IterationStage.Result, i, 1, 880e6)),
        ];

        Assert.Equal(4, ProcessTreeCostDiagnoser.ActualOperations(launch));
    }
}
