using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>Which worker build the Process strategies ran on: NativeAOT or JIT; "-" for in-process strategies.</summary>
internal sealed class WorkerFlavorColumn() : SuiteColumn(
    "Worker", 2, isNumeric: false, "The worker build the Process strategies started: NativeAOT when published (scripts/publish-worker-aot.sh), JIT otherwise")
{
    public static readonly WorkerFlavorColumn Instance = new();

    public override string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        RunsWorkers(benchmarkCase) ? WorkerLocator.TryFind()?.Flavor ?? "none" : "-";

    public override bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(RunsWorkers);

    // The strategy comparisons' Process rows; other classes name their worker in the method name.
    private static bool RunsWorkers(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.WorkloadMethod.Name.StartsWith("Process", StringComparison.Ordinal)
        && Attribute.IsDefined(benchmarkCase.Descriptor.Type, typeof(IdealTimeAttribute), inherit: true);
}
