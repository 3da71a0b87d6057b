using ConcurrencyBench.Benchmarks;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Benchmarks.Running;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Running;

// Alone: one test replaces a strategy through StrategyOverrides, which is process-wide; run beside another class it
// gave that class's ParallelForEach a wrong answer (FileReadsTests failed once in CI that way).
[Collection(AloneCollection.Name)]
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

    [Theory]
    [InlineData("--help")]
    [InlineData("-?")]
    public void Run_Help_PrintsTheSuitesOptionsAndBenchmarkDotNetsAndSucceeds(string option)
    {
        var (code, output, error) = Run([option]);

        Assert.Equal(SuiteRunner.Success, code);
        Assert.Empty(error);
        Assert.Contains("--profile quick|full", output);
        Assert.Contains("report [DIR]", output);
        Assert.Contains("--filter", output); // BenchmarkDotNet's part
    }

    [Fact]
    public void Run_Version_PrintsTheVersionAndSucceeds()
    {
        var (code, output, error) = Run(["--version"]);

        Assert.Equal(SuiteRunner.Success, code);
        Assert.Empty(error);
        Assert.StartsWith("ConcurrencyBench ", output);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Run_ReportOfAFolderWithoutResults_OneClearLineAndUsageExitCode()
    {
        var (code, output, error) = Run(["report", _temp]);

        Assert.Equal(SuiteRunner.UsageError, code);
        Assert.Empty(output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("has no run.json", line);
    }

    [Fact]
    public void Run_ReportOfAMissingFolder_OneClearLine()
    {
        var (code, _, error) = Run(["report", Path.Combine(_temp, "missing")]);

        Assert.Equal(SuiteRunner.UsageError, code);
        Assert.Contains("no results folder", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Run_AStrategyThatGivesAWrongAnswer_FailsTheRunAndNamesTheBenchmark()
    {
        string outDir = Path.Combine(_temp, "wrong");
        using (StrategyOverrides.Replace((method, strategy) => method == nameof(IoAggregation.ParallelForEach) ? new WrongAnswers(strategy) : strategy))
        {
            var (code, _, error) = Run(["--filter", "*IoAggregation.ParallelForEach(N: 5,*", "--job", "dry", "--in-process", "--out", outDir]);

            Assert.Equal(SuiteRunner.BenchmarkFailed, code);
            Assert.Contains(error.Split('\n'), line => line.StartsWith("error: IoAggregation.ParallelForEach(N=5", StringComparison.Ordinal) && line.Contains("wrong answer", StringComparison.Ordinal));
        }

        // The run still leaves its record and its report, which say what failed.
        Assert.Contains("FAILED", File.ReadAllText(Path.Combine(outDir, "REPORT.md")));
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
    public void InProcess_PutsTheProfilesJobOnTheInProcessToolchain()
    {
        SuiteOptions options = SuiteOptions.Parse(["--in-process", "--filter", "*Prime*"]);
        SuiteOptions plain = SuiteOptions.Parse(["--filter", "*Prime*"]);
        ResultsFolder folder = ResultsFolder.Prepare(Path.Combine(_temp, "out"));

        var job = Assert.Single(SuiteConfig.Create(options, folder, new AffordableCaseFilter(options.Profile)).GetJobs());
        var plainJob = Assert.Single(SuiteConfig.Create(plain, folder, new AffordableCaseFilter(plain.Profile)).GetJobs());

        Assert.True(options.InProcess);
        Assert.Equal(["--filter", "*Prime*"], options.BenchmarkDotNetArgs);
        Assert.IsType<BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain>(job.Infrastructure.Toolchain);
        Assert.Null(plainJob.Infrastructure.Toolchain);
    }

    [Fact]
    public void NoCost_LeavesTheCostReadingsOut_AndIsNotPassedToBenchmarkDotNet()
    {
        SuiteOptions options = SuiteOptions.Parse(["--no-cost", "--filter", "*Prime*"]);
        SuiteOptions plain = SuiteOptions.Parse(["--filter", "*Prime*"]);
        ResultsFolder folder = ResultsFolder.Prepare(Path.Combine(_temp, "out"));

        Assert.True(options.NoCost);
        Assert.False(plain.NoCost);
        Assert.Equal(["--filter", "*Prime*"], options.BenchmarkDotNetArgs);
        Assert.DoesNotContain(SuiteConfig.Create(options, folder, new AffordableCaseFilter(options.Profile)).GetDiagnosers(), d => d is ConcurrencyBench.Benchmarks.Infrastructure.ProcessTreeCostDiagnoser);
        Assert.Contains(SuiteConfig.Create(plain, folder, new AffordableCaseFilter(plain.Profile)).GetDiagnosers(), d => d is ConcurrencyBench.Benchmarks.Infrastructure.ProcessTreeCostDiagnoser);
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

    /// <summary>A strategy registered for this test only: the real strategy's answers, with the last one changed.</summary>
    private sealed class WrongAnswers(IConcurrencyStrategy inner) : IConcurrencyStrategy
    {
        public string Name => inner.Name;

        public async Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
        {
            TResult[] results = await inner.RunAsync(workload, cancellationToken);
            results[^1] = results[0];
            return results;
        }
    }
}
