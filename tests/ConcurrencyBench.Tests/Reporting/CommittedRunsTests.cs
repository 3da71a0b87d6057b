using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;
using ConcurrencyBench.Reporting.Writing;

namespace ConcurrencyBench.Tests.Reporting;

/// <summary>
/// The reporting rules over every committed reference run, as <c>report DIR</c> reads them: no verdict contradicts its
/// printed interval, no time-sliced row has a schedule's bound, and no speedup above its ceiling is quoted unmarked.
/// </summary>
public sealed class CommittedRunsTests
{
    public static TheoryData<string> Runs() => [.. RunFolders()];

    // Folders with their exports (one keeps a run.json alone, for the duration it records), relative to results/reference.
    private static string[] RunFolders()
    {
        string reference = Path.Combine(ConcurrencyBench.RepositoryRoot.Find(), "results", "reference");
        return [.. Directory.EnumerateFiles(reference, RunResults.RunFileName, SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName)
            .Where(d => Directory.EnumerateFiles(d!, "*-report-full.json").Any())
            .Select(d => Path.GetRelativePath(reference, d!))
            .Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void Runs_FindTheCommittedReferenceRuns_WithVerdictsToCheck()
    {
        string[] runs = RunFolders();
        Assert.True(runs.Length >= 10);
        Assert.True(runs.Sum(r => Analyse(r).Questions.SelectMany(q => q.Rows).Count(x => x.VersusReference is Separation.Faster or Separation.Slower)) > 200);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void EveryVerdict_AgreesWithItsPrintedInterval(string run)
    {
        RunAnalysis analysis = Analyse(run);
        double high = 1 + (analysis.Settings.ThresholdPercent / 100);
        foreach (RowResult row in analysis.Questions.SelectMany(q => q.Rows).Where(r => r.VersusReference is not null && r.Speedup is { HasInterval: true }))
        {
            Estimate speedup = row.Speedup!.Value;
            Assert.True(speedup.Lower > high == (row.VersusReference == Separation.Faster), $"{row.Record.Id}: {row.VersusReference} at {speedup}");
            Assert.True(speedup.Upper < 1 / high == (row.VersusReference == Separation.Slower), $"{row.Record.Id}: {row.VersusReference} at {speedup}");
        }

        foreach (GroupResult group in analysis.Questions.SelectMany(q => q.Groups).Where(g => g.CanRank && g.Fastest is not null))
        {
            foreach (RowResult winner in group.Winners.Where(w => !ReferenceEquals(w, group.Fastest)))
            {
                TimeRatio versus = RowStatistics.Compare(winner, group.Fastest!, analysis.Settings);
                Assert.False(versus.Ratio.Lower > high, $"{winner.Record.Id} is a winner at {versus.Ratio} times the fastest");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Bounds_OnlyForRowsThatFollowThem_AndSpeedupsAboveTheCeilingAreMarked(string run)
    {
        RunAnalysis analysis = Analyse(run);
        string report = ReportDocument.Render(analysis);
        foreach (RowResult row in analysis.Questions.SelectMany(q => q.Rows))
        {
            if (row.Record.Workers == "PerItem")
            {
                Assert.Null(row.ScheduleBound);
            }

            if (row.IsAboveCeiling)
            {
                Assert.Contains($"{row.Method}'s speedup {Units.Ratio(row.Speedup)} (", report, StringComparison.Ordinal);
            }
        }

        foreach (string winners in report.Split('\n').Where(l => l.StartsWith("**Winners**", StringComparison.Ordinal)))
        {
            foreach (RowResult row in analysis.Questions.SelectMany(q => q.Rows).Where(r => r.IsAboveCeiling))
            {
                string quoted = $"speedup {Units.Ratio(row.Speedup)} over {row.Reference!.Method}";
                Assert.True(!winners.Contains(quoted, StringComparison.Ordinal) || winners.Contains(quoted + GuideWording.DisturbedMark(row), StringComparison.Ordinal), $"{run}: {row.Method}'s figure is quoted unmarked");
            }
        }

        Assert.DoesNotContain("[0.50, 0.50]", report, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void TheGuide_NeverUsesAndAvoidsOneRow_NorReadsNotSeparatedAsEqual(string run)
    {
        IReadOnlyList<string> guide = Guide.Sentences(Analyse(run));

        foreach (string avoid in guide.Where(s => s.StartsWith("Avoid ", StringComparison.Ordinal)))
        {
            string method = avoid["Avoid ".Length..avoid.IndexOf(' ', "Avoid ".Length)];
            string work = avoid[(avoid.IndexOf(" for ", StringComparison.Ordinal) + 5)..avoid.IndexOf(':', StringComparison.Ordinal)];
            Assert.DoesNotContain(guide, s => s.Contains(": use ", StringComparison.Ordinal) && s.Contains(work, StringComparison.OrdinalIgnoreCase)
                && s[(s.IndexOf(": use ", StringComparison.Ordinal) + 6)..].Split([':', '.', '('])[0].Split(", ").Select(m => m.Trim()).Contains(method));
        }

        Assert.DoesNotContain(guide, s => s.Contains("adds less than", StringComparison.Ordinal) || s.Contains("(not separated from each other)", StringComparison.Ordinal)
            || s.Contains("did not pay at any", StringComparison.Ordinal) || s.Contains("do not speed up", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void TheAnswer_OpensTheReport_OneScreenCoveringEveryKindOfWorkMeasured(string run)
    {
        RunAnalysis analysis = Analyse(run);
        string[] lines = ReportDocument.Render(analysis).Split('\n');
        string[] table = [.. lines.Take(40).SkipWhile(l => !l.StartsWith("| Work |", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|'))];
        QuestionResult[] measured = [.. analysis.Questions.Where(q => q.Groups.Any(g => g.CanRank && g.Winners.Any(w => !w.Record.IsFloor))
            && (q.Class.Kind != QuestionKind.Crossover || CrossoverPoint.Of(q).Count > 0))];
        if (measured.Length == 0)
        {
            return; // a folder of pool rows alone (the hardening A/B's alternating runs): nothing to decide
        }

        Assert.InRange(table.Length - 2, 1, 25); // the header and its rule, then one row per kind of work
        Assert.All(table, l => Assert.True(l.Length <= DecisionTable.MaxLineLength, $"{l.Length} characters: {l}"));
        foreach (QuestionResult question in measured)
        {
            string head = question.Class.Question.Split(':')[0].Replace("CPython beside .NET, ", "CPython, ", StringComparison.Ordinal);
            Assert.Contains(table, l => l.StartsWith("| " + head, StringComparison.Ordinal));
        }
    }

    private static RunAnalysis Analyse(string run) =>
        RunAnalysis.Of(RunResults.Load(Path.Combine(ConcurrencyBench.RepositoryRoot.Find(), "results", "reference", run)));
}
