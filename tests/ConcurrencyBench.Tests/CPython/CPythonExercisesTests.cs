using System.Diagnostics;
using System.Text.Json;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Benchmarks.Running;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.CPython;

/// <summary>The CPython script's answers and output, and a missing or failing interpreter (needs python3 on the PATH, as the README says).</summary>
public sealed class CPythonExercisesTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("cb-cpython-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Answers_EqualTheCSharpAnswers()
    {
        using JsonDocument answers = JsonDocument.Parse(RunScript("--answers"));

        foreach (JsonProperty prime in answers.RootElement.GetProperty("primes").EnumerateObject())
        {
            ulong n = ulong.Parse(prime.Name, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(n, PrimeNumbers.Classic);
            Assert.Equal(KnownPrimality.IsPrime(n), prime.Value.GetBoolean());
            Assert.Equal(PrimeCheckWorkload.IsPrime(n), prime.Value.GetBoolean());
        }

        string[] api = [.. answers.RootElement.GetProperty("api").EnumerateArray().Select(a => a.GetString()!)];
        Assert.Equal(Enumerable.Range(0, 5).Select(ApiAggregationWorkload.ExpectedResult), api);
    }

    [Fact]
    public void Output_IsWhatTheReportingLibraryReads_WithTheInterpretersFacts()
    {
        RunScript("--out", _temp, "--only", "start", "--only", "pipes");

        CPythonRun run = CPythonRun.Read(Path.Combine(_temp, CPythonRun.FileName));
        Assert.Equal("CPython", run.Interpreter.Implementation);
        Assert.NotNull(run.Interpreter.GilEnabled);
        Assert.False(string.IsNullOrEmpty(run.Interpreter.StartMethod));
        Assert.Equal(["CPythonProcessStart", "CPythonPipeEcho"], run.Classes.Select(c => c.Type));
        Assert.All(run.Classes, c => Assert.True(c.IsCPython));
        Assert.Equal(5, run.Benchmarks.Count);
        Assert.All(run.Benchmarks, b => Assert.True(b.Validation!.CheckedCalls >= b.Validation.InvokedCalls && b.Validation.CheckedCalls > 0));
        Assert.All(run.Benchmarks, b => Assert.NotNull(b.Beside));

        // What each cost beside its time, read by the script as the suite's diagnoser reads a benchmark process's tree:
        // one launch's CPU time, peak memory and context switches per operation (a process start and join makes both
        // kinds: the parent waits, the child is reaped through RUSAGE_CHILDREN).
        Assert.All(run.Benchmarks, b =>
        {
            CostRecord cost = b.Facts!.Cost!;
            Assert.Single(cost.CpuUserNanosecondsPerOperation);
            Assert.True(cost.CpuUserNanosecondsPerOperation[0] + cost.CpuSystemNanosecondsPerOperation[0] > 0);
            Assert.True(cost.PeakResidentBytes![0] > 1 << 20);
            Assert.True(cost.VoluntarySwitchesPerOperation![0] + cost.InvoluntarySwitchesPerOperation![0] > 0);
        });

        // The samples are in BenchmarkDotNet's full JSON shape, which RunResults reads like any class's.
        RunResults.WriteRun(_temp, new FakeRunRecord().With(run));
        RunResults results = RunResults.Load(_temp);
        Assert.All(run.Benchmarks, b => Assert.True(results.MeasurementsOf(b)!.Samples.Count >= 8));
    }

    [Fact]
    public void Step_WithoutPython_SkipsInOneLineAndSaysWhy()
    {
        using var log = new StringWriter();

        (CPythonRecord record, CPythonRun? run) = CPythonStep.Run(_temp, Profile.Quick, log, interpreter: "python3-that-is-not-installed");

        Assert.Null(run);
        Assert.Equal(BenchmarkStatus.Skipped, record.Status);
        Assert.Contains("not on the PATH", record.Reason);
        Assert.Contains(log.ToString().Split('\n'), l => l.StartsWith("cpython: the CPython rows were skipped: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Step_WithAFailingInterpreter_SkipsInOneLineAndSaysWhy()
    {
        using var log = new StringWriter();

        (CPythonRecord record, CPythonRun? run) = CPythonStep.Run(_temp, Profile.Quick, log, interpreter: "false");

        Assert.Null(run);
        Assert.Contains("failed (exit code 1)", record.Reason);
        Assert.DoesNotContain("   at ", log.ToString());
    }

    private static string RunScript(params string[] args)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(ConcurrencyBench.RepositoryRoot.Find(), "scripts", "cpython-exercises.py"));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"the script failed: {error.Result}");
        return output;
    }

    // A run record holding only the CPython step's classes and benchmarks.
    private sealed class FakeRunRecord
    {
        public RunRecord With(CPythonRun run) => new Reporting.FakeRun().Record() with { Classes = run.Classes, Benchmarks = run.Benchmarks, CPython = run.Interpreter };
    }
}
