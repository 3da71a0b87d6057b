using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Reporting.Analysis;

/// <summary>A CPython row and the .NET row it is set beside (same workload and, where both have it, the same parameters).</summary>
/// <param name="Question">The CPython question.</param>
/// <param name="CPython">The CPython row.</param>
/// <param name="DotNet">The .NET row; null when it was not in the run.</param>
public sealed record BesidePair(QuestionResult Question, RowResult CPython, RowResult? DotNet)
{
    /// <summary>Every CPython row of the run with its .NET counterpart.</summary>
    /// <param name="analysis">The run.</param>
    public static IReadOnlyList<BesidePair> Of(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        RowResult[] dotnet = [.. analysis.Questions.Where(q => !q.Class.IsCPython).SelectMany(q => q.Rows)];
        var pairs = new List<BesidePair>();
        foreach (QuestionResult question in analysis.Questions.Where(q => q.Class.IsCPython))
        {
            foreach (RowResult row in question.Rows.Where(r => r.Record.Beside is not null))
            {
                RowResult? match = dotnet
                    .Where(d => d.Record.Matches(row.Record.Beside!))
                    .Where(d => d.Record.Parameters.All(p => row.Record.Parameter(p.Name) is not string v || v == p.Value))
                    .OrderByDescending(d => d.IsMeasured)
                    .FirstOrDefault();
                pairs.Add(new BesidePair(question, row, match));
            }
        }

        return pairs;
    }
}
