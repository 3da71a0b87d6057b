using ConcurrencyBench.Benchmarks.Running;

namespace ConcurrencyBench.Tests.Running;

/// <summary>
/// BenchmarkDotNet's options that would break the suite's reports are refused through the real command line, before
/// anything runs (issue 28): one line, exit 2, nothing written.
/// </summary>
public sealed class RefusedOptionsTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("cb-refused-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Theory]
    [InlineData("--artifacts", "use --out DIR", "/tmp/elsewhere")]
    [InlineData("--ARTIFACTS=/tmp/elsewhere", "use --out DIR")]
    [InlineData("-a", "use --out DIR", "/tmp/elsewhere")]
    [InlineData("--join", "drop --join")]
    [InlineData("--exporters", "drop --exporters", "json")]
    [InlineData("-e", "drop --exporters", "json")]
    [InlineData("--inProcess", "use the suite's --in-process")]
    [InlineData("-i", "use the suite's --in-process")]
    [InlineData("--profiler", "--profile quick|full", "EP")]
    [InlineData("-p", "--profile quick|full", "EP")]
    public void ARefusedOption_IsOneLineExitTwo_BeforeAnythingRuns(string option, string expected, string? value = null)
    {
        string outDir = Path.Combine(_temp, "out");
        string[] args = value is null ? [option, "--job", "dry", "--out", outDir] : [option, value, "--job", "dry", "--out", outDir];
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = SuiteRunner.Run(args, output, error);

        Assert.Equal(SuiteRunner.UsageError, code);
        string[] lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("is not supported by the suite", lines[0]);
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("ConcurrencyBench: profile", output.ToString());
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void PassThroughOptions_AreNotRefused()
    {
        SuiteOptions options = SuiteOptions.Parse(["--filter", "*PrimeChecks*", "--job", "dry", "--list", "flat", "--anyCategories", "x", "--iterationCount", "3"]);

        Assert.Equal(["--filter", "*PrimeChecks*", "--job", "dry", "--list", "flat", "--anyCategories", "x", "--iterationCount", "3"], options.BenchmarkDotNetArgs);
    }

    [Fact]
    public void CompareOut_NamingAFolder_WritesCompareMdInIt()
    {
        string run = new Reporting.FakeRun()
            .Class("PrimeChecks", ConcurrencyBench.Reporting.Results.QuestionKind.StrategyComparison)
            .Row("PrimeChecks", "Sequential", Reporting.FakeRun.Around(1000), baseline: true)
            .Row("PrimeChecks", "Plinq", Reporting.FakeRun.Around(500))
            .WriteTo(Path.Combine(_temp, "run"));
        string folder = Directory.CreateDirectory(Path.Combine(_temp, "reports")).FullName;
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = SuiteRunner.Run(["compare", run, run, "--out", folder], output, error);

        Assert.Equal(SuiteRunner.Success, code);
        Assert.True(File.Exists(Path.Combine(folder, "compare.md")));
    }
}
