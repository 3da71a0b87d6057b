using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.EventProcessors;
using BenchmarkDotNet.Running;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// The CPython exercises in a trial run: one launch of <c>scripts/cpython-exercises.py</c> per trial, at a seeded
/// random point of that trial's order (before the case at that point), its samples numbered by the trial. CPython's
/// rows then get the trials' intervals as the .NET rows do, and their launches are spread over the run instead of
/// falling back to back at its end, where one quiet or slow minute of the host would decide all of them.
/// </summary>
/// <remarks>
/// BenchmarkDotNet calls <see cref="OnStartRunBenchmarksInType"/> on the host before each run info, and a trial run's
/// run infos are one case each, so the step runs while no benchmark process does. A launch that fails skips the
/// CPython rows of the whole run, in one line, as the one-pass step does; the .NET rows stand without them.
/// </remarks>
internal sealed class CPythonTrials : EventProcessor
{
    /// <summary>The name that marks the CPython launch's place in a trial's order (run.json's trials).</summary>
    public const string OrderEntry = "CPython (scripts/cpython-exercises.py)";

    private const string StagingName = ".cpython-trials";

    private readonly string _folder;
    private readonly Profile _profile;
    private readonly TextWriter _log;
    private readonly string _interpreter;
    // Each launch: the run info it runs before (its trial's first case index + its position) and its trial. Two may
    // share an index (a launch at the end of a trial and the next one at its start): they run in trial order.
    private readonly List<(int Before, int Trial)> _due = [];
    private readonly List<int> _ran = [];
    private int _runInfos;
    private string? _skipReason;

    /// <summary>Initializes a new instance of the <see cref="CPythonTrials"/> class.</summary>
    /// <param name="folder">The results folder.</param>
    /// <param name="profile">The run's profile.</param>
    /// <param name="log">Where each launch's line goes.</param>
    /// <param name="interpreter">The interpreter to start.</param>
    public CPythonTrials(string folder, Profile profile, TextWriter log, string interpreter = CPythonStep.Interpreter)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(log);
        _folder = folder;
        _profile = profile;
        _log = log;
        _interpreter = interpreter;
    }

    private string Staging => Path.Combine(_folder, StagingName);

    /// <summary>Where in each trial the CPython launch goes: before the case at this index of the trial's order.</summary>
    /// <param name="cases">The cases of a trial.</param>
    /// <param name="trials">The trials.</param>
    /// <param name="seed">The run's seed (a stream of its own, so the trials' orders do not change with it).</param>
    public static IReadOnlyList<int> Positions(int cases, int trials, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cases);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        var random = new Random(unchecked((seed * 31) + 17));
        return [.. Enumerable.Range(0, trials).Select(_ => random.Next(cases + 1))];
    }

    /// <summary>Places the launches in a planned trial run and marks them in its record's orders.</summary>
    /// <param name="record">The trials' record (each order a trial's case ids).</param>
    /// <returns>The record with <see cref="OrderEntry"/> in each trial's order where the launch runs.</returns>
    public TrialsRecord Plan(TrialsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        int cases = record.Orders.Count == 0 ? 0 : record.Orders[0].Count;
        IReadOnlyList<int> positions = Positions(cases, record.Count, record.Seed);
        var orders = new List<IReadOnlyList<string>>(record.Count);
        for (int t = 0; t < record.Count; t++)
        {
            // At the end of a trial: before the next trial's first case, or after the run (Finish).
            _due.Add(((t * cases) + positions[t], t + 1));
            orders.Add([.. record.Orders[t].Take(positions[t]), OrderEntry, .. record.Orders[t].Skip(positions[t])]);
        }

        return record with { Orders = orders };
    }

    /// <inheritdoc />
    public override void OnStartRunBenchmarksInType(Type type, IReadOnlyList<BenchmarkCase> benchmarks) => RunDue(_runInfos++);

    /// <summary>Runs the launches still due (those placed at the end of the last trial), then merges every launch into the folder.</summary>
    /// <returns>The records to merge into run.json, or a skipped step with its reason.</returns>
    public (CPythonRecord Record, CPythonRun? Run) Finish()
    {
        try
        {
            RunDue(int.MaxValue);

            if (_skipReason is not null)
            {
                return (CPythonRecord.Skipped(_skipReason), null);
            }

            return _ran.Count == 0 ? (CPythonRecord.Skipped("no trial ran"), null) : Merge();
        }
        catch (ResultsException ex)
        {
            _log.WriteLine($"cpython: the CPython rows were skipped: {ex.Message}");
            return (CPythonRecord.Skipped(ex.Message), null);
        }
        finally
        {
            if (Directory.Exists(Staging))
            {
                Directory.Delete(Staging, recursive: true);
            }
        }
    }

    // Runs, in trial order, every launch placed at or before this run info.
    private void RunDue(int index)
    {
        foreach ((int before, int trial) in _due.Where(d => d.Before <= index).OrderBy(d => d.Trial).ToArray())
        {
            _due.Remove((before, trial));
            if (_skipReason is not null)
            {
                continue;
            }

            string into = TrialFolder(trial);
            Directory.CreateDirectory(into);
            (CPythonRecord record, CPythonRun? run) = CPythonStep.Run(into, _profile, _log, _interpreter, trial);
            if (run is null)
            {
                _skipReason = record.Reason;
            }
            else
            {
                _ran.Add(trial);
            }
        }
    }

    private string TrialFolder(int trial) => Path.Combine(Staging, $"trial-{trial}");

    // One export with every launch's samples (each numbered by its trial), and one record set: the first launch's,
    // with the checked calls, the cost and the seconds of every launch. The records go into run.json only: a launch's
    // own cpython-run.json would show one trial's counts beside the joined ones.
    private (CPythonRecord, CPythonRun) Merge()
    {
        CPythonRun[] runs = [.. _ran.Select(t => CPythonRun.Read(Path.Combine(TrialFolder(t), CPythonRun.FileName)))];
        var benchmarks = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (int trial in _ran)
        {
            string path = Path.Combine(TrialFolder(trial), CPythonRun.ExportFileName);
            if (JsonNode.Parse(ResultsFile.ReadText(path, ResultsFile.MaxExportBytes)) is not JsonObject { } root || root["Benchmarks"] is not JsonArray exported)
            {
                throw new ResultsException($"{path} has no Benchmarks array: run the CPython exercises again");
            }

            foreach (JsonObject benchmark in exported.OfType<JsonObject>())
            {
                string id = (string?)benchmark["FullName"] ?? throw new ResultsException($"a benchmark in {path} has no FullName: run the CPython exercises again");
                if (benchmarks.TryGetValue(id, out JsonObject? earlier))
                {
                    var all = (JsonArray)earlier["Measurements"]!;
                    foreach (JsonNode? m in (benchmark["Measurements"] as JsonArray ?? []).ToArray())
                    {
                        all.Add(m?.DeepClone());
                    }
                }
                else
                {
                    JsonObject copy = (JsonObject)benchmark.DeepClone();
                    copy["Measurements"] ??= new JsonArray();
                    benchmarks[id] = copy;
                    order.Add(id);
                }
            }
        }

        var export = new JsonObject { ["Title"] = "CPython", ["Benchmarks"] = new JsonArray([.. order.Select(id => (JsonNode)TrialJoin.WithPooledStatistics(benchmarks[id]))]) };
        CPythonRun first = runs[0];
        Dictionary<string, BenchmarkRecord>[] byId = [.. runs.Select(r => r.Benchmarks.ToDictionary(b => b.Id, StringComparer.Ordinal))];
        BenchmarkRecord[] records = [.. first.Benchmarks.Select(b => b.Validation is null ? b : b with
        {
            Validation = Sum(byId.Select(r => r.GetValueOrDefault(b.Id)?.Validation)),
            Facts = JoinCosts([.. byId.Select(r => r.GetValueOrDefault(b.Id)?.Facts?.Cost)]) is CostRecord cost ? new FactsRecord(null, null, null, Cost: cost) : null,
        })];
        var interpreter = first.Interpreter with { Seconds = runs.Sum(r => r.Interpreter.Seconds ?? 0) };
        var merged = new CPythonRun(interpreter, first.Classes, records);
        AtomicFile.WriteAllText(Path.Combine(_folder, CPythonRun.ExportFileName), export.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        _log.WriteLine($"cpython: {_ran.Count} launches joined, one per trial ({interpreter.Seconds:0.0} s in all).");
        return (interpreter, merged);
    }

    // Each launch's cost (one value each, from its own script run) as the values of one record, in trial order.
    private static CostRecord? JoinCosts(IReadOnlyList<CostRecord?> launches)
    {
        if (launches.All(c => c is null))
        {
            return null;
        }

        IReadOnlyList<double?> Each(Func<CostRecord, IReadOnlyList<double?>?> field) =>
            [.. launches.Select(c => c is null ? null : field(c) is { Count: > 0 } values ? values[0] : null)];
        IReadOnlyList<double?>? Optional(Func<CostRecord, IReadOnlyList<double?>?> field) =>
            Each(field) is var values && values.Any(v => v is not null) ? values : null;
        return new CostRecord(
            Each(c => c.CpuUserNanosecondsPerOperation),
            Each(c => c.CpuSystemNanosecondsPerOperation),
            Optional(c => c.PeakResidentBytes),
            Optional(c => c.CpuTicks),
            Optional(c => c.VoluntarySwitchesPerOperation),
            Optional(c => c.InvoluntarySwitchesPerOperation));
    }

    private static ValidationRecord? Sum(IEnumerable<ValidationRecord?> all)
    {
        ValidationRecord?[] list = [.. all];
        return list.Any(v => v is null)
            ? null
            : new ValidationRecord(list.Sum(v => v!.CheckedCalls), list.Sum(v => v!.CheckedIterations), list.Sum(v => v!.InvokedCalls), list.Sum(v => v!.Iterations));
    }
}
