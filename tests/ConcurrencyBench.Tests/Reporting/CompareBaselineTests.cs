using ConcurrencyBench.Benchmarks.Running;

namespace ConcurrencyBench.Tests.Reporting;

/// <summary>Named baselines (issue 28): compare --save-baseline NAME DIR, then compare --baseline NAME DIR2.</summary>
public sealed class CompareBaselineTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("cb-baseline-").FullName;

    private string Root => Path.Combine(_temp, "baselines");

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void SaveThenCompare_AgainstTheNamedBaseline_FindsTheRegression()
    {
        string before = Run(1.0).WriteTo(Path.Combine(_temp, "before"));
        string after = Run(1.3).WriteTo(Path.Combine(_temp, "after"));

        var saved = Compare("--save-baseline", "main", before);
        Directory.Delete(before, recursive: true);
        var compared = Compare("--baseline", "main", after, "--threshold", "5%");

        Assert.Equal(SuiteRunner.Success, saved.Code);
        Assert.Contains("saved as baseline main", saved.Output);
        Assert.True(File.Exists(Path.Combine(Root, "main", "run.json")));
        Assert.Equal(SuiteRunner.BenchmarkFailed, compared.Code);
        Assert.Contains("**Slower: regression**", compared.Output);
        Assert.Empty(compared.Error);
    }

    [Fact]
    public void SaveAgain_ReplacesTheBaselineWhole()
    {
        string first = Run(1.0).WriteTo(Path.Combine(_temp, "first"));
        string second = Run(1.3).WriteTo(Path.Combine(_temp, "second"));
        File.WriteAllText(Path.Combine(first, "notes.txt"), "not a run file");

        Assert.Equal(SuiteRunner.Success, Compare("--save-baseline", "main", first).Code);
        Assert.Equal(SuiteRunner.Success, Compare("--save-baseline", "main", second).Code);

        Assert.Equal(File.ReadAllText(Path.Combine(second, "run.json")), File.ReadAllText(Path.Combine(Root, "main", "run.json")));
        Assert.False(File.Exists(Path.Combine(Root, "main", "notes.txt")));
        Assert.Equal(["main"], Directory.GetDirectories(Root).Select(Path.GetFileName));
        Assert.Equal(SuiteRunner.Success, Compare("--baseline", "main", second).Code);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/abs")]
    [InlineData(".hidden")]
    [InlineData("")]
    public void BadName_OneLineExitTwo_NothingWritten(string name)
    {
        string run = Run(1.0).WriteTo(Path.Combine(_temp, "run"));

        var (code, output, error) = Compare("--save-baseline", name, run);

        Assert.Equal(SuiteRunner.UsageError, code);
        Assert.Empty(output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("is not a baseline name", error);
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public void UnknownBaseline_OrAFolderThatIsNotARun_OneLineExitTwo_NothingWritten()
    {
        string run = Run(1.0).WriteTo(Path.Combine(_temp, "run"));
        string empty = Directory.CreateDirectory(Path.Combine(_temp, "empty")).FullName;

        var unknown = Compare("--baseline", "nope", run);
        var notARun = Compare("--save-baseline", "main", empty);
        var twoFolders = Compare("--save-baseline", "main", run, run);

        Assert.Equal(SuiteRunner.UsageError, unknown.Code);
        Assert.Contains("no baseline named 'nope'", unknown.Error);
        Assert.Equal(SuiteRunner.UsageError, notARun.Code);
        Assert.Contains("has no run.json", notARun.Error);
        Assert.Equal(SuiteRunner.UsageError, twoFolders.Code);
        Assert.All(new[] { unknown.Error, notARun.Error, twoFolders.Error }, e => Assert.Single(e.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(Directory.Exists(Path.Combine(Root, "main")));
        Assert.Empty(Directory.Exists(Root) ? Directory.GetFileSystemEntries(Root) : []);
    }

    private static FakeRun Run(double plinqScale) => new FakeRun()
        .Class("PrimeChecks", ConcurrencyBench.Reporting.Results.QuestionKind.StrategyComparison)
        .Row("PrimeChecks", "Sequential", FakeRun.Around(1000, 12, 0.03), baseline: true)
        .Row("PrimeChecks", "Plinq", FakeRun.Around(500 * plinqScale, 12, 0.03));

    private (int Code, string Output, string Error) Compare(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = CompareCommand.Run(args, output, error, Root);
        return (code, output.ToString(), error.ToString());
    }
}
