namespace ConcurrencyBench.Reporting.Analysis.Findings;

/// <summary>
/// Task granularity: for each row that pays at some measured size, the smallest item that pays (efficiency at least
/// <see cref="GranularityResult.PayingEfficiency"/> at its lower bound) and the next smaller one.
/// </summary>
/// <param name="Question">The question.</param>
/// <param name="Paying">The rows that pay, smallest paying item first.</param>
/// <param name="Outweighed">Those whose efficiency at the next smaller item is under 0.5 even at its upper bound: there
/// the cost per item outweighs the item's work.</param>
internal sealed record SmallestPayingItemFinding(QuestionResult Question, IReadOnlyList<GranularityRow> Paying, IReadOnlyList<GranularityRow> Outweighed)
    : GuideFinding(Question);

/// <summary>Task granularity: the rows that pay at no measured item size.</summary>
/// <param name="Question">The question.</param>
/// <param name="Rows">The rows.</param>
/// <param name="Largest">The largest item measured (of any row).</param>
internal sealed record NeverPaysFinding(QuestionResult Question, IReadOnlyList<GranularityRow> Rows, GranularityPoint Largest) : GuideFinding(Question);
