using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Reporting.Analysis;

/// <summary>One benchmark class read as the question it answers.</summary>
/// <param name="Class">The class's record.</param>
/// <param name="Groups">Its groups of rows.</param>
public sealed record QuestionResult(ClassRecord Class, IReadOnlyList<GroupResult> Groups)
{
    /// <summary>Gets the rows the profile did not run, with their reasons.</summary>
    public IEnumerable<RowResult> Skipped => Groups.SelectMany(g => g.Rows).Where(r => r.Record.Status == BenchmarkStatus.Skipped);

    /// <summary>Gets the rows that failed.</summary>
    public IEnumerable<RowResult> Failed => Groups.SelectMany(g => g.Rows).Where(r => r.Record.Status == BenchmarkStatus.Failed);

    /// <summary>Gets every row.</summary>
    public IEnumerable<RowResult> Rows => Groups.SelectMany(g => g.Rows);
}
