namespace ConcurrencyBench.Reporting.Analysis.Findings;

/// <summary>
/// Moving data at one payload size (the smallest or the largest): the fastest like-for-like transports, delivered and
/// read there, against the in-process copy and checksum.
/// </summary>
/// <param name="Question">The question.</param>
/// <param name="Group">The group (that payload size).</param>
/// <param name="PayloadBytes">The payload size.</param>
/// <param name="Fastest">The fastest one-way row, whose GB/s and share of the floor's speed are quoted.</param>
/// <param name="Tied">The fastest row and every one-way row the test does not separate from it.</param>
/// <param name="Others">The other one-way rows, fastest first.</param>
internal sealed record MovingDataFinding(QuestionResult Question, GroupResult Group, int PayloadBytes, RowResult Fastest, IReadOnlyList<RowResult> Tied, IReadOnlyList<RowResult> Others)
    : GuideFinding(Question);
