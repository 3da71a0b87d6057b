using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Analysis.Rules;
using ConcurrencyBench.Reporting.Writing;

namespace ConcurrencyBench.Reporting.Analysis;

/// <summary>
/// The generated guide: "for work like this, use …; avoid … because …". Each rule (<see cref="IGuideRule"/>) reads
/// the run's figures and returns typed findings, nothing where the figures do not support it (too few samples, no
/// separation, a row not measured); <see cref="GuideWording"/> words them.
/// </summary>
public static class Guide
{
    // Each .NET question is read by the one rule for its kind of work (their Reads are exclusive); the guide gives their
    // findings in the run's order of questions, then what crosses questions: pools against threads, clusters against pools, CPython beside .NET.
    private static readonly IGuideRule[] s_questionRules =
        [new GranularityRule(), new WaitingWorkRule(), new ComputingWorkRule(), new MovingDataRule(), new CopyVersusComputeRule(), new BaselinesRule()];

    private static readonly IGuideRule[] s_acrossRules = [new PoolBesideThreadsRule(), new ClusterCostRule(), new CheaperRowRule(), new CPythonBesideDotNetRule()];

    /// <summary>Every sentence the run's figures support, in the order of the rules.</summary>
    /// <param name="analysis">The run.</param>
    public static IReadOnlyList<string> Sentences(RunAnalysis analysis) => [.. Findings(analysis).Select(GuideWording.Sentence)];

    /// <summary>Every finding of every rule, in the guide's order.</summary>
    /// <param name="analysis">The run.</param>
    internal static IReadOnlyList<GuideFinding> Findings(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var order = new Dictionary<QuestionResult, int>(ReferenceEqualityComparer.Instance);
        foreach (QuestionResult question in analysis.Questions)
        {
            order.TryAdd(question, order.Count);
        }

        // OrderBy is stable: one question's findings keep their rule's order.
        return [.. s_questionRules.SelectMany(r => r.Find(analysis)).OrderBy(f => order[f.Question]), .. s_acrossRules.SelectMany(r => r.Find(analysis))];
    }
}
