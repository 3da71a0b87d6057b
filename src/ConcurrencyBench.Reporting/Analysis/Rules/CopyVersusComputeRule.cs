using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Rules;

/// <summary>
/// Copy versus compute (a .NET crossover question): per transport, at each payload size, the lightest compute at which
/// a pool of worker processes is shown faster than computing in process, or, where it never is, how it fares at the
/// heaviest.
/// </summary>
internal sealed class CopyVersusComputeRule : IGuideRule
{
    /// <inheritdoc/>
    public IEnumerable<GuideFinding> Find(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.Questions.Where(Reads).SelectMany(Find);
    }

    /// <summary>Whether the rule reads <paramref name="question"/>: a .NET crossover question.</summary>
    /// <param name="question">The question.</param>
    public static bool Reads(QuestionResult question) => !question.Class.IsCPython && question.Class.Kind == QuestionKind.Crossover;

    /// <summary>The findings of one crossover question, one per transport the figures say something about.</summary>
    /// <param name="question">A crossover question.</param>
    public static IEnumerable<CopyVersusComputeFinding> Find(QuestionResult question)
    {
        ArgumentNullException.ThrowIfNull(question);
        foreach (IGrouping<string, CrossoverPoint> transport in CrossoverPoint.Of(question).GroupBy(p => p.Transport))
        {
            var paysFrom = new List<CrossoverPoint>();
            var neverPays = new List<CrossoverPoint>();
            foreach (IGrouping<int, CrossoverPoint> size in transport.GroupBy(p => p.PayloadBytes).OrderBy(s => s.Key))
            {
                CrossoverPoint? first = size.OrderBy(p => p.Passes).FirstOrDefault(p => p.Verdict == Separation.Faster);
                CrossoverPoint heaviest = size.MaxBy(p => p.Passes)!;
                if (first is not null)
                {
                    paysFrom.Add(first);
                }
                else if (heaviest.Verdict is Separation.Slower or Separation.NotSeparated)
                {
                    neverPays.Add(heaviest);
                }
            }

            if (paysFrom.Count > 0 || neverPays.Count > 0)
            {
                yield return new CopyVersusComputeFinding(question, transport.Key, paysFrom, neverPays);
            }
        }
    }
}
