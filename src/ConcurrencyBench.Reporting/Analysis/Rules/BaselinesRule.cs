using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Rules;

/// <summary>
/// Rows against a baseline (a .NET baseline comparison: process starts, round trips, serialization): every row the
/// test shows faster or slower than its measured baseline or floor.
/// </summary>
internal sealed class BaselinesRule : IGuideRule
{
    /// <inheritdoc/>
    public IEnumerable<GuideFinding> Find(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.Questions.Where(Reads).SelectMany(Find);
    }

    /// <summary>Whether the rule reads <paramref name="question"/>: a .NET question of none of the other kinds.</summary>
    /// <param name="question">The question.</param>
    public static bool Reads(QuestionResult question) =>
        !question.Class.IsCPython && question.Class.Kind is not (QuestionKind.StrategyComparison or QuestionKind.DataMovement or QuestionKind.Crossover);

    private static IEnumerable<BaselineFinding> Find(QuestionResult question)
    {
        foreach (GroupResult group in question.Groups)
        {
            foreach (RowResult row in group.Rows.Where(r => r.IsMeasured && !r.Record.IsFloor && r.Reference is { IsMeasured: true } && r.VersusReference is Separation.Faster or Separation.Slower))
            {
                Estimate? timeRatio = row.Speedup is Estimate s ? new Estimate(1 / s.Value, 1 / s.Upper, 1 / s.Lower) : null;
                yield return new BaselineFinding(question, row, row.Reference!, row.VersusReference!.Value, timeRatio);
            }
        }
    }
}
