using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Findings;

/// <summary>Waiting work: the rows to use at the largest N whose fastest row still waits in about one latency.</summary>
/// <param name="Question">The question.</param>
/// <param name="Group">The group read (that N).</param>
/// <param name="Winners">The fastest row and every row the test does not separate from it.</param>
/// <param name="Fastest">The fastest row, whose time and efficiency against one latency are quoted.</param>
internal sealed record WaitingWinnersFinding(QuestionResult Question, GroupResult Group, IReadOnlyList<RowResult> Winners, RowResult Fastest)
    : GuideFinding(Question);

/// <summary>Waiting work: a row to avoid at that N, shown slower than the fastest row, with the reason.</summary>
/// <param name="Question">The question.</param>
/// <param name="Row">The row to avoid (its efficiency under 0.5 even at its upper bound).</param>
/// <param name="Fastest">The fastest row it is shown slower than.</param>
/// <param name="Calls">The calls of the group (N).</param>
/// <param name="Reason">Why.</param>
/// <param name="AtOnce">The most calls that wait at once, for <see cref="AvoidReason.AtMostKAtOnce"/>.</param>
internal sealed record WaitingAvoidFinding(QuestionResult Question, RowResult Row, RowResult Fastest, int Calls, AvoidReason Reason, int? AtOnce = null)
    : GuideFinding(Question);

/// <summary>
/// Waiting work at the largest N with a measured floor (the calls' own timers, nothing around them): the fastest row
/// against the floor, where the test can decide.
/// </summary>
/// <param name="Question">The question.</param>
/// <param name="Group">The group read.</param>
/// <param name="Floor">The floor row.</param>
/// <param name="Fastest">The fastest row.</param>
/// <param name="Ratio">The fastest row's time over the floor's, with its interval.</param>
/// <param name="Verdict">The threshold test's verdict of the fastest row against the floor.</param>
internal sealed record TimersFloorFinding(QuestionResult Question, GroupResult Group, RowResult Floor, RowResult Fastest, Estimate Ratio, Separation Verdict)
    : GuideFinding(Question);

/// <summary>
/// Waiting work at the largest ranked N, past what waiting explains: even its fastest row is far from one latency
/// (efficiency under 0.5 at its upper bound), so the calls' own cost sets the time.
/// </summary>
/// <param name="Question">The question.</param>
/// <param name="Group">The group (that N).</param>
/// <param name="Fastest">Its fastest row.</param>
internal sealed record BeyondWaitingFinding(QuestionResult Question, GroupResult Group, RowResult Fastest) : GuideFinding(Question);
