using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Findings;

/// <summary>A row against its baseline (process starts, round trips, serialization), where the test separates them.</summary>
/// <param name="Question">The question.</param>
/// <param name="Row">The row.</param>
/// <param name="Reference">Its baseline or floor.</param>
/// <param name="Verdict">Faster or Slower.</param>
/// <param name="TimeRatio">The row's time over the reference's, with its interval; null where the row has no speedup.</param>
internal sealed record BaselineFinding(QuestionResult Question, RowResult Row, RowResult Reference, Separation Verdict, Estimate? TimeRatio) : GuideFinding(Question);
