using ConcurrencyBench.Benchmarks.Running;

namespace ConcurrencyBench.Tests.Running;

public sealed class SuiteRunnerTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("cb-runner-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--profile", "slow")]
    [InlineData("--profile")]
    [InlineData("--out")]
    [InlineData("--filter")]
    [InlineData("--job", "nosuchjob")]
    public void Run_BadOption_OneClearLineAndUsageExitCode(params string[] args)
    {
        var (code, output, error) = Run([.. args, "--out", Path.Combine(_temp, "out")]);

        Assert.Equal(SuiteRunner.UsageError, code);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("   at ", error);
        Assert.Empty(output);
        Assert.False(Directory.Exists(Path.Combine(_temp, "out", ".bdn")));
    }

    [Fact]
    public void Run_OutIsUnderAFile_OneClearLineAndNothingRuns()
    {
        string file = Path.Combine(_temp, "a-file");
        File.WriteAllText(file, "x");

        var (code, output, error) = Run(["--out", Path.Combine(file, "results")]);

        Assert.Equal(SuiteRunner.UsageError, code);
        Assert.Contains("cannot write results to", error);
        Assert.Contains("--out DIR", error);
        Assert.Empty(output);
    }

    [Fact]
    public void Run_OutIsAFile_OneClearLine()
    {
        string file = Path.Combine(_temp, "a-file");
        File.WriteAllText(file, "x");

        var (code, _, error) = Run(["--out", file]);

        Assert.Equal(SuiteRunner.UsageError, code);
        Assert.Contains("not a folder", error);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void Parse_Defaults_QuickProfileAndDefaultOut()
    {
        SuiteOptions options = SuiteOptions.Parse(["--filter", "*Prime*"]);

        Assert.Same(Profile.Quick, options.Profile);
        Assert.Null(options.OutDirectory);
        Assert.Equal(["--filter", "*Prime*"], options.BenchmarkDotNetArgs);
        Assert.True(options.HasFilter);
        Assert.False(options.HasJob);
    }

    [Fact]
    public void Parse_OwnOptionsInBothForms_AreTakenOut()
    {
        SuiteOptions options = SuiteOptions.Parse(["--profile=FULL", "--out", "x", "-j", "dry"]);

        Assert.Same(Profile.Full, options.Profile);
        Assert.Equal("x", options.OutDirectory);
        Assert.Equal(["-j", "dry"], options.BenchmarkDotNetArgs);
        Assert.True(options.HasJob);
    }

    [Fact]
    public void DefaultOut_IsResultsLatestUnderTheRepositoryRoot()
    {
        string expectedRoot = Path.GetDirectoryName(ResultsFolder.DefaultPath)!;
        Assert.Equal("results", Path.GetFileName(expectedRoot));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(expectedRoot)!, "Benchmarks.sln")));
    }

    private static (int Code, string Output, string Error) Run(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = SuiteRunner.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
