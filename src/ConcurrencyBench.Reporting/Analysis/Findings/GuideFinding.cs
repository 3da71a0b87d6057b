namespace ConcurrencyBench.Reporting.Analysis.Findings;

/// <summary>
/// What one rule of the guide found in a run: the question it answers and, in each kind of finding, the rows, the
/// figures with their intervals and the verdicts its sentence rests on. A rule decides; one writer
/// (<see cref="Writing.GuideWording"/>) turns every finding into its sentence.
/// </summary>
/// <param name="Question">The question the finding answers.</param>
internal abstract record GuideFinding(QuestionResult Question);
