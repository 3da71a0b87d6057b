using System.Globalization;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis;

/// <summary>
/// Where each strategy stops paying, for a class that splits a fixed work into equal items of varying size: per
/// row, its efficiency at every measured item size, the item's time (Sequential's time over the items), and the
/// smallest size whose efficiency's lower bound is at least <see cref="PayingEfficiency"/>.
/// </summary>
/// <param name="Question">The class.</param>
/// <param name="Rows">One entry per method, in the class's order.</param>
public sealed record GranularityResult(QuestionResult Question, IReadOnlyList<GranularityRow> Rows)
{
    /// <summary>The efficiency whose lower bound a size must reach to pay: 0.8.</summary>
    public const double PayingEfficiency = 0.8;

    /// <summary>The granularity reading of <paramref name="question"/>; null when the class does not vary its item size.</summary>
    /// <param name="question">A strategy comparison.</param>
    public static GranularityResult? Of(QuestionResult question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.Class.Granularity is not GranularityRecord granularity)
        {
            return null;
        }

        var points = new List<(string Method, GranularityPoint Point)>();
        foreach (GroupResult group in question.Groups)
        {
            if (group.Rows.FirstOrDefault(r => r.Record.IsBaseline) is not { IsMeasured: true } baseline
                || !double.TryParse(baseline.Record.Parameter(granularity.SizeParameter), NumberStyles.Float, CultureInfo.InvariantCulture, out double size))
            {
                continue;
            }

            double itemNs = baseline.Time!.Value.Value / granularity.ItemsAt(size);
            foreach (RowResult row in group.Rows.Where(r => r.IsMeasured && !r.Record.IsBaseline && r.Efficiency is not null))
            {
                points.Add((row.Method, new GranularityPoint(size, itemNs, row.Efficiency!.Value)));
            }
        }

        GranularityRow[] rows = [.. points
            .GroupBy(p => p.Method)
            .Select(g => new GranularityRow(g.Key, [.. g.Select(p => p.Point).OrderBy(p => p.Size)]))];
        return new GranularityResult(question, rows);
    }
}

/// <summary>One strategy across item sizes.</summary>
/// <param name="Method">The benchmark method.</param>
/// <param name="Points">Its measured sizes, smallest first.</param>
public sealed record GranularityRow(string Method, IReadOnlyList<GranularityPoint> Points)
{
    /// <summary>Gets the smallest measured size whose efficiency's lower bound reaches 0.8; null when none does.</summary>
    public GranularityPoint? SmallestPaying => Points.FirstOrDefault(p => p.Efficiency.Lower >= GranularityResult.PayingEfficiency);

    /// <summary>Gets the largest measured size below <see cref="SmallestPaying"/> (or of all, when none pays): where it does not pay.</summary>
    public GranularityPoint? LargestNotPaying => SmallestPaying is GranularityPoint paying
        ? Points.LastOrDefault(p => p.Size < paying.Size)
        : Points.LastOrDefault();
}

/// <summary>A strategy's efficiency at one item size.</summary>
/// <param name="Size">The size parameter's value (rounds an item).</param>
/// <param name="ItemNanoseconds">One item's time on one core: Sequential's median time over the items.</param>
/// <param name="Efficiency">The row's efficiency with its interval.</param>
public sealed record GranularityPoint(double Size, double ItemNanoseconds, Estimate Efficiency);
