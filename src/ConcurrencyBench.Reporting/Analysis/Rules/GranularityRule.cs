using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Reporting.Analysis.Rules;

/// <summary>
/// Task granularity, for a .NET strategy comparison that splits a fixed work into equal items of varying size: per
/// row, the smallest measured item that pays and the next smaller one; the rows that never pay.
/// </summary>
internal sealed class GranularityRule : IGuideRule
{
    /// <inheritdoc/>
    public IEnumerable<GuideFinding> Find(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        foreach (QuestionResult question in analysis.Questions.Where(Reads))
        {
            GranularityResult granularity = GranularityResult.Of(question)!;
            GranularityRow[] paying = [.. granularity.Rows.Where(r => r.SmallestPaying is not null).OrderBy(r => r.SmallestPaying!.Size)];
            if (paying.Length > 0)
            {
                yield return new SmallestPayingItemFinding(question, paying, [.. paying.Where(r => r.LargestNotPaying?.Efficiency.Upper < 0.5)]);
            }

            GranularityRow[] never = [.. granularity.Rows.Where(r => r.SmallestPaying is null && r.Points.Count > 0)];
            if (never.Length > 0)
            {
                yield return new NeverPaysFinding(question, never, granularity.Rows.SelectMany(r => r.Points).MaxBy(p => p.Size)!);
            }
        }
    }

    /// <summary>Whether the rule reads <paramref name="question"/>: a .NET strategy comparison of items of varying size.</summary>
    /// <param name="question">The question.</param>
    public static bool Reads(QuestionResult question) =>
        !question.Class.IsCPython && question.Class.Kind == QuestionKind.StrategyComparison && question.Class.Granularity is not null;
}
