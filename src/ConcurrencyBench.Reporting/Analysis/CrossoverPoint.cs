using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis;

/// <summary>One cell of the copy-versus-compute table: a transport's pool at one payload size and compute intensity.</summary>
/// <param name="Transport">The transport the pool's payloads cross (<see cref="BenchmarkRecord.Transport"/>).</param>
/// <param name="PayloadBytes">The payload size.</param>
/// <param name="Passes">Checksum passes over each payload.</param>
/// <param name="NanosecondsPerByte">The compute per byte, from Sequential's time at this size and intensity.</param>
/// <param name="Speedup">The pool's speedup over Sequential.</param>
/// <param name="Verdict">The threshold test's verdict against Sequential.</param>
public sealed record CrossoverPoint(string Transport, int PayloadBytes, int Passes, double NanosecondsPerByte, Estimate Speedup, Separation Verdict)
{
    /// <summary>Every measured cell of a crossover question.</summary>
    /// <param name="question">The question.</param>
    public static IReadOnlyList<CrossoverPoint> Of(QuestionResult question)
    {
        ArgumentNullException.ThrowIfNull(question);
        int items = question.Class.ItemsPerOperation ?? 1;
        var points = new List<CrossoverPoint>();
        foreach (RowResult row in question.Rows.Where(r => r.IsMeasured && !r.Record.IsBaseline && r.Speedup is not null && r.Reference is { IsMeasured: true }))
        {
            if (row.Record is not { Transport: string transport, Inputs: { PayloadBytes: int bytes, Passes: int passes } })
            {
                continue;
            }

            double nsPerByte = row.Reference!.Time!.Value.Value / ((double)items * bytes);
            points.Add(new CrossoverPoint(transport, bytes, passes, nsPerByte, row.Speedup!.Value, row.VersusReference ?? Separation.TooFewSamples));
        }

        return points;
    }

    /// <summary>
    /// The compute per byte at which the pool breaks even (speedup 1), interpolated on a log scale between the two
    /// measured intensities around it; "≤ x" when it already wins at the lightest, "&gt; x" when it is slower even at
    /// the heaviest; null where a side is not separated from 1 (the test locates no break-even there).
    /// </summary>
    /// <param name="points">The cells of one transport and payload size.</param>
    public static (string Qualifier, double NanosecondsPerByte, double Passes)? BreakEven(IEnumerable<CrossoverPoint> points)
    {
        CrossoverPoint[] ordered = [.. (points ?? throw new ArgumentNullException(nameof(points))).OrderBy(p => p.Passes)];
        if (ordered.Length == 0)
        {
            return null;
        }

        // Only where the test separates both sides from 1: a point not separated from Sequential locates nothing.
        if (ordered[0].Speedup.Value >= 1)
        {
            return ordered[0].Verdict == Separation.Faster ? ("≤ ", ordered[0].NanosecondsPerByte, ordered[0].Passes) : null;
        }

        for (int i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Speedup.Value >= 1)
            {
                CrossoverPoint a = ordered[i - 1], b = ordered[i];
                if (a.Verdict != Separation.Slower || b.Verdict != Separation.Faster)
                {
                    return null;
                }

                double t = (1 - a.Speedup.Value) / (b.Speedup.Value - a.Speedup.Value);
                double passes = Math.Exp(Math.Log(a.Passes) + (t * (Math.Log(b.Passes) - Math.Log(a.Passes))));
                double ns = Math.Exp(Math.Log(a.NanosecondsPerByte) + (t * (Math.Log(b.NanosecondsPerByte) - Math.Log(a.NanosecondsPerByte))));
                return ("≈ ", ns, passes);
            }
        }

        return ordered[^1].Verdict == Separation.Slower ? ("> ", ordered[^1].NanosecondsPerByte, ordered[^1].Passes) : null;
    }
}
