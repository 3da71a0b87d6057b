namespace ConcurrencyBench.Reporting.Analysis.Findings;

/// <summary>Copy versus compute: through one transport, where a pool of worker processes pays off, payload size by payload size.</summary>
/// <param name="Question">The question.</param>
/// <param name="Transport">The transport (<see cref="Results.BenchmarkRecord.Transport"/>).</param>
/// <param name="PaysFrom">Per payload size where the pool is shown faster than Sequential, smallest first: the lightest
/// compute at which it is.</param>
/// <param name="NeverPays">Per payload size where it is shown faster at no compute, smallest first: the heaviest
/// compute, where it is slower or not separated.</param>
internal sealed record CopyVersusComputeFinding(QuestionResult Question, string Transport, IReadOnlyList<CrossoverPoint> PaysFrom, IReadOnlyList<CrossoverPoint> NeverPays)
    : GuideFinding(Question);
