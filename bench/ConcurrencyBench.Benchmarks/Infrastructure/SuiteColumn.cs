using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>The plumbing every column of the suite shares: a custom, always-shown column with a legend.</summary>
/// <param name="id">The column's id and header.</param>
/// <param name="priority">Its place among the custom columns.</param>
/// <param name="isNumeric">Whether its values are numbers (right-aligned).</param>
/// <param name="legend">What it means, for the report's legend.</param>
internal abstract class SuiteColumn(string id, int priority, bool isNumeric, string legend) : IColumn
{
    public string Id => id;

    public virtual string ColumnName => id;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => priority;

    public bool IsNumeric => isNumeric;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public abstract string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public abstract bool IsAvailable(Summary summary);
}
