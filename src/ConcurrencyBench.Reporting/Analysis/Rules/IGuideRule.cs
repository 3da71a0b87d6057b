using ConcurrencyBench.Reporting.Analysis.Findings;

namespace ConcurrencyBench.Reporting.Analysis.Rules;

/// <summary>
/// One rule of the guide: reads the run and returns what its figures support as typed findings, and nothing where
/// they do not (too few samples, no separation, a row not measured). It reads rows by their typed roles and inputs,
/// never by a method's or a parameter's name, and words nothing.
/// </summary>
internal interface IGuideRule
{
    /// <summary>The rule's findings, in the order the guide gives them.</summary>
    /// <param name="analysis">The run.</param>
    IEnumerable<GuideFinding> Find(RunAnalysis analysis);
}
