using ConcurrencyBench.Reporting;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Tests.Reporting;

public sealed class RunResultsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cb-results-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Load_MissingFolder_OneClearLine()
    {
        var ex = Assert.Throws<ResultsException>(() => RunResults.Load(Path.Combine(_folder, "nope")));
        Assert.Contains("no results folder", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Load_FolderWithoutRunJson_SaysItIsNotAResultsFolder()
    {
        var ex = Assert.Throws<ResultsException>(() => RunResults.Load(_folder));
        Assert.Contains("has no run.json", ex.Message);
    }

    [Fact]
    public void Load_TruncatedRunJson_SaysCorrupt()
    {
        File.WriteAllText(Path.Combine(_folder, "run.json"), "{\"schema\": 1, \"suite\": {");
        var ex = Assert.Throws<ResultsException>(() => RunResults.Load(_folder));
        Assert.Contains("truncated or corrupt", ex.Message);
    }

    [Fact]
    public void Load_RunJsonOfAnotherSchema_SaysIncompatible()
    {
        File.WriteAllText(Path.Combine(_folder, "run.json"), "{\"schema\": 99}");
        var ex = Assert.Throws<ResultsException>(() => RunResults.Load(_folder));
        Assert.Contains("incompatible version", ex.Message);
    }

    [Fact]
    public void Load_NoExportedResults_SaysSo()
    {
        WriteRun();
        var ex = Assert.Throws<ResultsException>(() => RunResults.Load(_folder));
        Assert.Contains("no exported results", ex.Message);
    }

    [Fact]
    public void Load_TruncatedFullJson_SaysCorrupt()
    {
        WriteRun();
        File.WriteAllText(Path.Combine(_folder, "X-report-full.json"), "{\"Benchmarks\": [ {\"FullName\": ");
        var ex = Assert.Throws<ResultsException>(() => RunResults.Load(_folder));
        Assert.Contains("X-report-full.json is not valid JSON", ex.Message);
    }

    [Fact]
    public void WriteAll_FromAStoredFolder_WritesEveryReportWithTheSkippedRowsAndTheirReasons()
    {
        FakeRun run = WriteRun();
        WriteFullJson(run);

        IReadOnlyList<string> written = ReportSet.Write(_folder);

        Assert.Contains(written, f => f.EndsWith("REPORT.md", StringComparison.Ordinal));
        string report = File.ReadAllText(Path.Combine(_folder, "REPORT.md"));
        Assert.Contains("Test CPU, 2 logical cores", report);
        Assert.Contains("commit 0123456789ab", report);
        Assert.Contains("| Profile | quick", report);
        Assert.Contains("skipped, too expensive for this profile", report);
        Assert.Contains("![", report);
        Assert.True(File.Exists(Path.Combine(_folder, "plots", "PrimeChecks-speedup.png")));
        Assert.True(File.Exists(Path.Combine(_folder, "plots", "PrimeChecks-speedup.svg")));
        string summary = File.ReadAllText(Path.Combine(_folder, "summary.csv"));
        Assert.Contains("Skipped", summary);
        Assert.Contains("Faster", summary);
    }

    private FakeRun WriteRun()
    {
        FakeRun run = new FakeRun()
            .Class("PrimeChecks", QuestionKind.StrategyComparison)
            .Row("PrimeChecks", "Sequential", FakeRun.Around(1000), baseline: true, workers: "One")
            .Row("PrimeChecks", "Plinq", FakeRun.Around(500), workers: "K")
            .Row("PrimeChecks", "ProcessPerItem", null, workers: "K");
        RunResults.WriteRun(_folder, run.Record());
        return run;
    }

    private void WriteFullJson(FakeRun run) => run.WriteTo(_folder);
}
