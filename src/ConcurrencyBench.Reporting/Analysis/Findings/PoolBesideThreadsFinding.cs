using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Findings;

/// <summary>
/// Processes or threads under the same schedule: a plain pool row (K worker processes, one item at a time from a
/// shared queue) against the fixed-threads row of its group with the same order and workers, where the test can decide.
/// </summary>
/// <param name="Question">The question.</param>
/// <param name="Group">The group.</param>
/// <param name="Pool">The pool row.</param>
/// <param name="Threads">The fixed-threads row.</param>
/// <param name="Ratio">The pool row's time over the threads row's, with its interval.</param>
/// <param name="Verdict">The threshold test's verdict of the pool row against the threads row.</param>
internal sealed record PoolBesideThreadsFinding(QuestionResult Question, GroupResult Group, RowResult Pool, RowResult Threads, Estimate Ratio, Separation Verdict)
    : GuideFinding(Question);
