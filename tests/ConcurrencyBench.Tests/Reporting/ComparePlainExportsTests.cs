using ConcurrencyBench.Benchmarks.Running;

namespace ConcurrencyBench.Tests.Reporting;

/// <summary>compare reads plain BenchmarkDotNet full JSON folders too (issue 28), and says what they cannot tell.</summary>
public sealed class ComparePlainExportsTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("cb-plain-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Compare_TwoPlainExportFolders_FindsTheRegression_AndSaysWhatItCannotTell()
    {
        string before = Plain("before", 1.0);
        string after = Plain("after", 1.3);

        var (code, output, error) = Compare(before, after, "--threshold", "5%");

        Assert.Equal(SuiteRunner.BenchmarkFailed, code);
        Assert.Empty(error);
        Assert.Contains("Both folders are plain BenchmarkDotNet exports", output);
        Assert.Contains("not what varies from one launch or run to the next", output);
        Assert.Contains("| Plinq(N=4) |", output);
        Assert.Contains("**Slower: regression**", output);
    }

    [Fact]
    public void Compare_APlainFolderAgainstItself_IsNoRegression_AndAReportOfItIsRefused()
    {
        string plain = Plain("same", 1.0);

        var (code, output, _) = Compare(plain, plain);
        using var reportOut = new StringWriter();
        using var reportErr = new StringWriter();
        int reportCode = SuiteRunner.Run(["report", plain], reportOut, reportErr);

        Assert.Equal(SuiteRunner.Success, code);
        Assert.Contains("**No regression**", output);
        Assert.Equal(SuiteRunner.UsageError, reportCode);
        Assert.Contains("has no run.json", reportErr.ToString());
    }

    // The suite's folder without run.json: what BenchmarkDotNet alone leaves in BenchmarkDotNet.Artifacts/results.
    private string Plain(string name, double plinqScale)
    {
        string folder = new FakeRun()
            .Class("PrimeChecks", ConcurrencyBench.Reporting.Results.QuestionKind.StrategyComparison)
            .Row("PrimeChecks", "Sequential", FakeRun.Around(1000, 12, 0.03), baseline: true)
            .Row("PrimeChecks", "Plinq", FakeRun.Around(500 * plinqScale, 12, 0.03))
            .WriteTo(Path.Combine(_temp, name));
        File.Delete(Path.Combine(folder, "run.json"));
        foreach (string export in Directory.GetFiles(folder, "*-report-full.json"))
        {
            // BenchmarkDotNet's FullName carries the parameters.
            File.WriteAllText(export, File.ReadAllText(export).Replace("\"FullName\":\"PrimeChecks.Plinq()\"", "\"FullName\":\"PrimeChecks.Plinq(N: 4)\"", StringComparison.Ordinal));
        }

        return folder;
    }

    private static (int Code, string Output, string Error) Compare(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = SuiteRunner.Run(["compare", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
