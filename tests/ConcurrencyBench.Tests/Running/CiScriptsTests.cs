using System.Diagnostics;
using System.Text.Json;

namespace ConcurrencyBench.Tests.Running;

/// <summary>
/// The scripts the workflows call for what only GitHub runs (issue 28): the history points of a run, and the pull
/// request's comment, posted once and then updated (gh replaced by a recording stub).
/// </summary>
public sealed class CiScriptsTests : IDisposable
{
    private static readonly string Root = ConcurrencyBench.RepositoryRoot.Find();
    private readonly string _temp = Directory.CreateTempSubdirectory("cb-ci-scripts-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void HistoryEntry_OfACommittedRun_GivesEveryMeasuredRowsMedianAndSpeedup_WithIntervalAndOrigin()
    {
        string run = Path.Combine(Root, "results", "reference", "amd-epyc-2core-linux-quick-trials", "run-1");
        string outDir = Path.Combine(_temp, "history");

        (int code, string output, _) = Exec("python3", Path.Combine(Root, "scripts", "history-entry.py"), run, outDir);

        Assert.Equal(0, code);
        Assert.Contains("written to", output);
        JsonElement[] times = [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "times.json"))).RootElement.EnumerateArray()];
        JsonElement[] speedups = [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "speedups.json"))).RootElement.EnumerateArray()];
        int measured = File.ReadAllLines(Path.Combine(run, "summary.csv")).Count(l => l.Contains(",Measured,", StringComparison.Ordinal));
        Assert.Equal(measured, times.Length);
        Assert.NotEmpty(speedups);
        JsonElement sequential = times.Single(t => t.GetProperty("name").GetString() == "PrimeChecks.Sequential(K=2)");
        Assert.Equal("ns", sequential.GetProperty("unit").GetString());
        Assert.True(sequential.GetProperty("value").GetDouble() > 0);
        Assert.Contains("99% interval [", sequential.GetProperty("extra").GetString());
        Assert.Contains("commit d4524f78d796", sequential.GetProperty("extra").GetString());
        Assert.Equal(times.Length, times.Select(t => t.GetProperty("name").GetString()).Distinct().Count());
    }

    [Fact]
    public void HistoryEntry_OfAFolderThatIsNotARun_OneLineExitTwo()
    {
        (int code, _, string error) = Exec("python3", Path.Combine(Root, "scripts", "history-entry.py"), _temp, Path.Combine(_temp, "out"));

        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(Path.Combine(_temp, "out")));
    }

    [Fact]
    public void PrComment_PostsOnce_ThenUpdatesItsOwnComment_AndCutsALongComparison()
    {
        string compare = Path.Combine(_temp, "compare.md");
        File.WriteAllText(compare, "# ConcurrencyBench compare\n" + new string('x', 70_000));

        (int first, string firstOut, _) = PrComment(existingId: null, compare);
        string[] firstCalls = File.ReadAllLines(Path.Combine(_temp, "gh-calls"));
        string posted = File.ReadAllText(Path.Combine(_temp, "gh-body"));
        File.Delete(Path.Combine(_temp, "gh-calls"));
        (int second, string secondOut, _) = PrComment(existingId: "4242", compare);
        string[] secondCalls = File.ReadAllLines(Path.Combine(_temp, "gh-calls"));

        Assert.Equal(0, first);
        Assert.Contains("posted a comment on #17", firstOut);
        Assert.Contains(firstCalls, c => c.StartsWith("api -X POST repos/owner/repo/issues/17/comments", StringComparison.Ordinal));
        Assert.StartsWith("<!-- concurrencybench:compare -->\n# ConcurrencyBench compare", posted, StringComparison.Ordinal);
        Assert.True(posted.Length < 65_536, $"{posted.Length} characters");
        Assert.Contains("cut at 60,000 characters", posted);
        Assert.Equal(0, second);
        Assert.Contains("updated comment 4242 on #17", secondOut);
        Assert.Contains(secondCalls, c => c.StartsWith("api -X PATCH repos/owner/repo/issues/comments/4242", StringComparison.Ordinal));
        Assert.DoesNotContain(secondCalls, c => c.Contains("POST", StringComparison.Ordinal));
    }

    [Fact]
    public void PrComment_BadArguments_ExitTwo_WithoutCallingGh()
    {
        (int code, _, string error) = PrComment(existingId: null, Path.Combine(_temp, "missing.md"));

        Assert.Equal(2, code);
        Assert.Contains("usage", error);
        Assert.False(File.Exists(Path.Combine(_temp, "gh-calls")));
    }

    // gh replaced by a stub: it records each call's arguments, keeps the body it was given, and answers the comment
    // listing with the id of an earlier comment of the marker (or nothing).
    private (int Code, string Output, string Error) PrComment(string? existingId, string file)
    {
        string bin = Directory.CreateDirectory(Path.Combine(_temp, "bin")).FullName;
        string stub = Path.Combine(bin, "gh");
        File.WriteAllText(stub, $$"""
            #!/usr/bin/env bash
            echo "$*" >> '{{_temp}}/gh-calls'
            for a in "$@"; do case "$a" in body=@*) cp "${a#body=@}" '{{_temp}}/gh-body' ;; esac; done
            if [ "$2" != "-X" ]; then {{(existingId is null ? "true" : $"echo {existingId}")}}; fi
            """.Replace("\r", "", StringComparison.Ordinal));
        File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var env = new Dictionary<string, string>
        {
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["GITHUB_REPOSITORY"] = "owner/repo",
            ["GH_TOKEN"] = "not-a-token",
        };
        return Exec("bash", env, Path.Combine(Root, "scripts", "pr-comment.sh"), "17", file, "https://example.invalid/run/1");
    }

    private static (int Code, string Output, string Error) Exec(string program, params string[] args) => Exec(program, [], args);

    private static (int Code, string Output, string Error) Exec(string program, Dictionary<string, string> env, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach ((string key, string value) in env)
        {
            info.Environment[key] = value;
        }

        using Process p = Process.Start(info)!;
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        Task<string> error = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(TimeSpan.FromSeconds(60)), $"{program} did not end");
        return (p.ExitCode, output.Result, error.Result);
    }
}
