using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>Which worker build the Process strategies ran on: NativeAOT or JIT; empty for in-process strategies.</summary>
internal sealed class WorkerFlavorColumn : IColumn
{
    public static readonly WorkerFlavorColumn Instance = new();

    public string Id => "Worker";

    public string ColumnName => "Worker";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 2;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "The worker build the Process strategies started: NativeAOT when published (scripts/publish-worker-aot.sh), JIT otherwise";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        RunsWorkers(benchmarkCase) ? WorkerLocator.TryFind()?.Flavor ?? "none" : "-";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(RunsWorkers);

    // The strategy comparisons' Process rows; other classes name their worker in the method name.
    private static bool RunsWorkers(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.WorkloadMethod.Name.StartsWith("Process", StringComparison.Ordinal)
        && Attribute.IsDefined(benchmarkCase.Descriptor.Type, typeof(IdealTimeAttribute), inherit: true);
}
