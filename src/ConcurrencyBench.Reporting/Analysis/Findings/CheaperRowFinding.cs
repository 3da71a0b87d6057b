using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Findings;

/// <summary>
/// Among a group's winners (none shown different from the fastest in time), the one that spent the least CPU over its
/// process tree, and the winners that the test shows spent more than it while not shown different from it in time,
/// each with its CPU per operation as a multiple of the cheapest's.
/// </summary>
/// <param name="Question">The question.</param>
/// <param name="Group">The group.</param>
/// <param name="Cheapest">The winner that spent the least CPU per operation.</param>
/// <param name="Costlier">The winners shown to spend more, each with its CPU per operation over the cheapest's, launch by launch, with its interval.</param>
internal sealed record CheaperRowFinding(QuestionResult Question, GroupResult Group, RowResult Cheapest, IReadOnlyList<(RowResult Row, Estimate CpuRatio)> Costlier)
    : GuideFinding(Question);
