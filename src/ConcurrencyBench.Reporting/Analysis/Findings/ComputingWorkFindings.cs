using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Findings;

/// <summary>Computing work: the rows to use in a group whose fastest row is faster than Sequential, with the speedup quoted.</summary>
/// <param name="Question">The question.</param>
/// <param name="Group">The group.</param>
/// <param name="Winners">The fastest row and every row the test does not separate from it.</param>
/// <param name="Fastest">The fastest row.</param>
/// <param name="Quoted">The row whose speedup is quoted: the fastest winner that its schedule allows (or the fastest row when none is).</param>
/// <param name="Disturbed">The winners whose speedup is above what their schedule allows, named beside a quoted figure that is not.</param>
/// <param name="Bounds">What the items' costs allow on the cores; null where they are unknown.</param>
internal sealed record ComputingWinnersFinding(
    QuestionResult Question,
    GroupResult Group,
    IReadOnlyList<RowResult> Winners,
    RowResult Fastest,
    RowResult Quoted,
    IReadOnlyList<RowResult> Disturbed,
    ItemScheduleBounds? Bounds) : GuideFinding(Question);

/// <summary>The best speedups the items' costs allow on the cores, by schedule.</summary>
/// <param name="Cores">The cores.</param>
/// <param name="Ideal">Any schedule: the larger of the total work over the cores and the largest item.</param>
/// <param name="ListOrder">Items taken in list order.</param>
/// <param name="LargestFirst">Items taken largest first.</param>
internal sealed record ItemScheduleBounds(int Cores, double Ideal, double ListOrder, double LargestFirst);

/// <summary>Computing work: a row to avoid, slower than Sequential or not shown faster (and not a winner), with the reason.</summary>
/// <param name="Question">The question.</param>
/// <param name="Row">The row.</param>
/// <param name="Reason">Why.</param>
/// <param name="VersusSequential">Its verdict against Sequential: Slower or NotSeparated.</param>
internal sealed record ComputingAvoidFinding(QuestionResult Question, RowResult Row, AvoidReason Reason, Separation VersusSequential) : GuideFinding(Question);

/// <summary>The order of unequal items: a largest-first row against the same strategy in list order.</summary>
/// <param name="Question">The question.</param>
/// <param name="LargestFirst">The row that hands out the largest items first.</param>
/// <param name="ListOrder">The same strategy in list order.</param>
/// <param name="Verdict">The threshold test's verdict of the largest-first row against the list-order row (never TooFewSamples).</param>
internal sealed record OrderOfUnequalWorkFinding(QuestionResult Question, RowResult LargestFirst, RowResult ListOrder, Separation Verdict) : GuideFinding(Question);

/// <summary>
/// Work that waits, then computes: its ideal is one latency (the first wait) plus the compute floor (all the computing
/// on every core); how close the fastest row came.
/// </summary>
/// <param name="Question">The question.</param>
/// <param name="Group">The group.</param>
/// <param name="Floor">The compute floor row.</param>
/// <param name="LatencyNanoseconds">One latency.</param>
/// <param name="IdealNanoseconds">One latency plus the floor's time.</param>
/// <param name="Winners">The fastest row and every row the test does not separate from it.</param>
/// <param name="Fastest">The fastest row.</param>
/// <param name="TimesTheIdeal">The fastest row's time over the ideal, with its interval.</param>
internal sealed record FetchThenComputeFinding(
    QuestionResult Question,
    GroupResult Group,
    RowResult Floor,
    double LatencyNanoseconds,
    double IdealNanoseconds,
    IReadOnlyList<RowResult> Winners,
    RowResult Fastest,
    Estimate TimesTheIdeal) : GuideFinding(Question);

/// <summary>Computing work: a pool of worker processes (a winner) shown faster than a row that starts a process for every item.</summary>
/// <param name="Question">The question.</param>
/// <param name="Pool">The pool row.</param>
/// <param name="ProcessPerItem">The row that starts a process per item (faster than Sequential, slower than the pool).</param>
internal sealed record PreferPoolFinding(QuestionResult Question, RowResult Pool, RowResult ProcessPerItem) : GuideFinding(Question);
