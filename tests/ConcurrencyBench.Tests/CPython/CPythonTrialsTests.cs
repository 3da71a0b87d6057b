using System.Text.Json;
using ConcurrencyBench.Benchmarks.Running;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Tests.CPython;

/// <summary>
/// The CPython exercises in a trial run: one launch per trial at its place in the trial's order, the launches' samples
/// joined with their trial as the launch, and a failing launch skipping the CPython rows in one line (needs python3 on
/// the PATH, as the README says; the launches run the script's process-start exercise only, through a wrapper).
/// </summary>
public sealed class CPythonTrialsTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("cb-cpython-trials-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Positions_AreSeeded_AndWithinEachTrial()
    {
        Assert.Equal(CPythonTrials.Positions(20, 5, 3), CPythonTrials.Positions(20, 5, 3));
        Assert.All(CPythonTrials.Positions(20, 50, 9), p => Assert.InRange(p, 0, 20));
        Assert.Equal([0, 0], CPythonTrials.Positions(0, 2, 1));
    }

    [Fact]
    public void Plan_MarksOneLaunchInEachTrialsOrder_AndKeepsTheCasesOrder()
    {
        var trials = new CPythonTrials(Path.Combine(_temp, "out"), Profile.Quick, TextWriter.Null);
        TrialsRecord record = Record(trials: 3, cases: 4);

        TrialsRecord planned = trials.Plan(record);

        Assert.Equal(record.Seed, planned.Seed);
        for (int t = 0; t < 3; t++)
        {
            Assert.Single(planned.Orders[t], CPythonTrials.OrderEntry);
            Assert.Equal(record.Orders[t], planned.Orders[t].Where(e => e != CPythonTrials.OrderEntry));
        }
    }

    [Fact]
    public void Launches_RunAtTheirPlaces_AndJoinWithTheTrialAsLaunch()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_temp, "out")).FullName;
        using var log = new StringWriter();
        var trials = new CPythonTrials(folder, Profile.Quick, log, Wrapper("exec python3 \"$@\" --only start"));
        TrialsRecord planned = trials.Plan(Record(trials: 2, cases: 3));
        int[] places = [.. planned.Orders.Select(o => o.ToList().IndexOf(CPythonTrials.OrderEntry))];

        // Trial 1's launch runs when the run info at its place starts (at a trial's end: the next trial's first), not before.
        int calls = 0;
        for (; calls < places[0]; calls++)
        {
            trials.OnStartRunBenchmarksInType(typeof(object), []);
        }

        Assert.Equal(0, Lines(log, "trial 1"));
        for (; calls < 6; calls++)
        {
            trials.OnStartRunBenchmarksInType(typeof(object), []);
            Assert.Equal(1, Lines(log, "trial 1"));
        }

        (CPythonRecord record, CPythonRun? run) = trials.Finish();

        Assert.Equal(BenchmarkStatus.Measured, record.Status);
        Assert.NotNull(run);
        Assert.Equal(1, Lines(log, "trial 1"));
        Assert.Equal(1, Lines(log, "trial 2"));
        BenchmarkRecord start = Assert.Single(run.Benchmarks);
        using JsonDocument export = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, CPythonRun.ExportFileName)));
        JsonElement measurements = Assert.Single(export.RootElement.GetProperty("Benchmarks").EnumerateArray()).GetProperty("Measurements");
        int[] launches = [.. measurements.EnumerateArray().Select(m => m.GetProperty("LaunchIndex").GetInt32())];
        Assert.Equal([1, 2], launches.Distinct().Order());
        Assert.Equal(launches.Count(l => l == 1), launches.Count(l => l == 2));
        Assert.Equal(launches.Length, start.Validation!.Iterations);
        CostRecord cost = start.Facts!.Cost!; // each launch's own reading, in trial order
        Assert.Equal(2, cost.CpuUserNanosecondsPerOperation.Count);
        Assert.Equal(2, cost.VoluntarySwitchesPerOperation!.Count);
        Assert.All(cost.CpuUserNanosecondsPerOperation.Zip(cost.CpuSystemNanosecondsPerOperation), c => Assert.True(c.First + c.Second > 0));
        Assert.False(Directory.Exists(Path.Combine(folder, ".cpython-trials")));
        Assert.False(File.Exists(Path.Combine(folder, CPythonRun.FileName))); // one launch's records would disagree with run.json's joined ones

        // What the reporting reads: the row's samples, two launches of them.
        RunResults.WriteRun(folder, new Reporting.FakeRun().Record() with { Classes = run.Classes, Benchmarks = run.Benchmarks, CPython = run.Interpreter });
        Assert.Equal(2, RunResults.Load(folder).MeasurementsOf(start)!.Launches.Count);
    }

    [Fact]
    public void AFailingLaunch_SkipsTheCPythonRows_InOneLine_AndLeavesNoStaging()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_temp, "out")).FullName;
        using var log = new StringWriter();
        var trials = new CPythonTrials(folder, Profile.Quick, log, Wrapper("echo 'no interpreter here' >&2; exit 3"));
        trials.Plan(Record(trials: 2, cases: 1));

        trials.OnStartRunBenchmarksInType(typeof(object), []);
        (CPythonRecord record, CPythonRun? run) = trials.Finish();

        Assert.Null(run);
        Assert.Equal(BenchmarkStatus.Skipped, record.Status);
        Assert.Contains("exit code 3", record.Reason);
        Assert.Equal(1, Lines(log, "the CPython rows were skipped"));
        Assert.Equal(1, Lines(log, "running the original exercises"));
        Assert.False(File.Exists(Path.Combine(folder, CPythonRun.ExportFileName)));
        Assert.False(Directory.Exists(Path.Combine(folder, ".cpython-trials")));
    }

    private static TrialsRecord Record(int trials, int cases) =>
        new(trials, 11, [.. Enumerable.Range(0, trials).Select(t => (IReadOnlyList<string>)[.. Enumerable.Range(0, cases).Select(c => $"Case{(c + t) % cases}")])]);

    private static int Lines(StringWriter log, string text) => log.ToString().Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal));

    // An executable that stands for the interpreter: a shell script with the given body (its arguments: the script's).
    private string Wrapper(string body)
    {
        string path = Path.Combine(_temp, $"interpreter-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, "#!/bin/bash\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
