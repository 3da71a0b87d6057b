using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis;

/// <summary>The rows of one logical group (one set of parameters): compared with one baseline and with each other.</summary>
/// <param name="Key">The group's key.</param>
/// <param name="Title">What the group is ("N=1000, LatencyMs=50, K=64").</param>
/// <param name="Rows">Its rows, in declaration order.</param>
public sealed record GroupResult(string Key, string Title, IReadOnlyList<RowResult> Rows)
{
    /// <summary>Gets the measured row with the lowest median time, floors left out (they are not options); null when none was measured.</summary>
    public RowResult? Fastest => Rows.Where(r => r.IsMeasured && !r.Record.IsFloor).MinBy(r => r.Time!.Value.Value);

    /// <summary>Gets the fastest row and every row the test does not separate from it.</summary>
    public IReadOnlyList<RowResult> Winners { get; init; } = [];

    /// <summary>Gets a value indicating whether every measured row had enough samples to be compared with the fastest.</summary>
    public bool CanRank { get; init; }

    /// <summary>Gets the rows significantly slower than their reference.</summary>
    public IEnumerable<RowResult> SlowerThanReference => Rows.Where(r => r.VersusReference == Separation.Slower);

    /// <summary>The row of <paramref name="method"/>; null when the group has none.</summary>
    /// <param name="method">The method's name (as <see cref="Results.BenchmarkRecord.ListOrderTwin"/> names it).</param>
    public RowResult? Row(string method) => Rows.FirstOrDefault(r => r.Record.Matches(method));
}
