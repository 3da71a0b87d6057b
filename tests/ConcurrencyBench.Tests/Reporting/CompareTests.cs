using ConcurrencyBench.Benchmarks.Running;

namespace ConcurrencyBench.Tests.Reporting;

public sealed class CompareTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("cb-compare-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Compare_TwoRunsOfTheSameSamples_NoRegressionAndExitZero()
    {
        string a = Run(1.0).WriteTo(Path.Combine(_temp, "a"));
        string b = Run(1.0, shuffle: true).WriteTo(Path.Combine(_temp, "b"));

        var (code, output, error) = Compare(a, b);

        Assert.Equal(SuiteRunner.Success, code);
        Assert.Empty(error);
        Assert.Contains("**No regression**", output);
        Assert.True(File.Exists(Path.Combine(b, "compare.md")));
    }

    [Fact]
    public void Compare_OneBenchmarkScaledBy1Point2_IsARegressionAndExitOne()
    {
        string a = Run(1.0).WriteTo(Path.Combine(_temp, "a"));
        string b = Run(1.2).WriteTo(Path.Combine(_temp, "b"));

        var (code, output, _) = Compare(a, b, "--threshold", "5%");

        Assert.Equal(SuiteRunner.BenchmarkFailed, code);
        Assert.Contains("| Plinq() |", output);
        Assert.Contains("**Slower: regression**", output);
        Assert.Contains("1 regression(s)", output);
    }

    [Fact]
    public void Compare_ASlowdownOutsideTheStrategyComparisons_IsShownButGatedOnlyWithGateAll()
    {
        static FakeRun Ipc(double scale) => new FakeRun()
            .Class("IpcPayloadSweep", ConcurrencyBench.Reporting.Results.QuestionKind.DataMovement)
            .Row("IpcPayloadSweep", "PipeEcho", FakeRun.Around(100 * scale, 12, 0.03), [("PayloadBytes", "1024")]);
        string a = Ipc(1.0).WriteTo(Path.Combine(_temp, "a"));
        string b = Ipc(1.5).WriteTo(Path.Combine(_temp, "b"));

        var (code, output, _) = Compare(a, b);
        var (gatedCode, _, _) = Compare(a, b, "--gate", "all");

        Assert.Equal(SuiteRunner.Success, code);
        Assert.Contains("Slower (not gated)", output);
        Assert.Equal(SuiteRunner.BenchmarkFailed, gatedCode);
    }

    [Fact]
    public void Compare_AThresholdAboveTheChange_IsNotARegression()
    {
        string a = Run(1.0).WriteTo(Path.Combine(_temp, "a"));
        string b = Run(1.2).WriteTo(Path.Combine(_temp, "b"));

        var (code, _, _) = Compare(a, b, "--threshold", "30");

        Assert.Equal(SuiteRunner.Success, code);
    }

    [Fact]
    public void Compare_BenchmarksInOneRunOnly_AreListed()
    {
        string a = Run(1.0).WriteTo(Path.Combine(_temp, "a"));
        string b = Run(1.0).Row("PrimeChecks", "ThreadPerItem", FakeRun.Around(600)).WriteTo(Path.Combine(_temp, "b"));

        var (_, output, _) = Compare(a, b);

        Assert.Contains("current only: PrimeChecks.ThreadPerItem()", output);
    }

    [Fact]
    public void Compare_ACurrentRunWithHighSteal_SaysItWasDisturbed_AndGivesBothSteals()
    {
        string a = Run(1.0).Steal(2.5).WriteTo(Path.Combine(_temp, "a"));
        string b = Run(1.0, shuffle: true).Steal(12.2).WriteTo(Path.Combine(_temp, "b"));

        var (_, output, _) = Compare(a, b);

        Assert.Contains("| Hypervisor steal | 2.5% | 12.2% |", output);
        Assert.Contains("> **The current run was disturbed**", output);
    }

    [Fact]
    public void Compare_QuietRuns_GiveTheirStealWithoutAWarning()
    {
        string a = Run(1.0).Steal(1.5).WriteTo(Path.Combine(_temp, "a"));
        string b = Run(1.0, shuffle: true).WriteTo(Path.Combine(_temp, "b"));

        var (_, output, _) = Compare(a, b);

        Assert.Contains("| Hypervisor steal | 1.5% | not measured |", output);
        Assert.DoesNotContain("disturbed", output);
    }

    [Fact]
    public void Compare_MissingFolder_OneLineExitTwo()
    {
        string a = Run(1.0).WriteTo(Path.Combine(_temp, "a"));

        var (code, output, error) = Compare(a, Path.Combine(_temp, "nope"));

        AssertOneLineUsageError(code, output, error, "no results folder");
    }

    [Fact]
    public void Compare_FolderWithoutResults_OneLineExitTwo()
    {
        string a = Run(1.0).WriteTo(Path.Combine(_temp, "a"));
        string empty = Directory.CreateDirectory(Path.Combine(_temp, "empty")).FullName;

        var (code, output, error) = Compare(a, empty);

        AssertOneLineUsageError(code, output, error, "has no run.json");
    }

    [Fact]
    public void Compare_TruncatedJson_OneLineExitTwo()
    {
        string a = Run(1.0).WriteTo(Path.Combine(_temp, "a"));
        string b = Run(1.0).WriteTo(Path.Combine(_temp, "b"));
        string export = Directory.GetFiles(b, "*-report-full.json").Single();
        File.WriteAllText(export, File.ReadAllText(export)[..100]);

        var (code, output, error) = Compare(a, b);

        AssertOneLineUsageError(code, output, error, "truncated or corrupt");
    }

    [Fact]
    public void Compare_FolderOfAnIncompatibleVersion_OneLineExitTwo()
    {
        string a = Run(1.0).WriteTo(Path.Combine(_temp, "a"));
        string b = Run(1.0).WriteTo(Path.Combine(_temp, "b"));
        File.WriteAllText(Path.Combine(b, "run.json"), File.ReadAllText(Path.Combine(b, "run.json")).Replace($"\"schema\": {(global::ConcurrencyBench.Reporting.Results.RunRecord.CurrentSchema)}", "\"schema\": 7", StringComparison.Ordinal));

        var (code, output, error) = Compare(a, b);

        AssertOneLineUsageError(code, output, error, "incompatible version");
    }

    [Theory]
    [InlineData("--threshold", "-5%")]
    [InlineData("--bogus")]
    public void Compare_BadOption_OneLineExitTwo(params string[] options)
    {
        string a = Run(1.0).WriteTo(Path.Combine(_temp, "a"));
        string b = Run(1.0).WriteTo(Path.Combine(_temp, "b"));

        var (code, output, error) = Compare([a, b, .. options]);

        AssertOneLineUsageError(code, output, error, "");
    }

    [Fact]
    public void Merge_SeveralMachines_OneColumnEach()
    {
        string a = Run(1.0).WriteTo(Path.Combine(_temp, "a"));
        string b = Run(0.5).WriteTo(Path.Combine(_temp, "b"));

        var (code, output, _) = Compare("--merge", a, b);

        Assert.Equal(SuiteRunner.Success, code);
        Assert.Contains("| Benchmark | A | B |", output);
        Assert.Contains("Test CPU, 2 logical cores", output);
    }

    private static void AssertOneLineUsageError(int code, string output, string error, string expected)
    {
        Assert.Equal(SuiteRunner.UsageError, code);
        Assert.Empty(output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
    }

    private static FakeRun Run(double plinqScale, bool shuffle = false)
    {
        double[] plinq = FakeRun.Around(500 * plinqScale, 12, 0.03);
        return new FakeRun()
            .Class("PrimeChecks", ConcurrencyBench.Reporting.Results.QuestionKind.StrategyComparison)
            .Row("PrimeChecks", "Sequential", FakeRun.Around(1000, 12, 0.03), baseline: true)
            .Row("PrimeChecks", "Plinq", shuffle ? [.. plinq.Reverse()] : plinq);
    }

    private static (int Code, string Output, string Error) Compare(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = SuiteRunner.Run(["compare", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
