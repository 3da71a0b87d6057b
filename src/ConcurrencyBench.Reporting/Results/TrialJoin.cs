using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConcurrencyBench.Reporting.Results;

/// <summary>
/// Several runs of one build joined as the trials of one run: what the interleaved measurement of two builds does
/// (base and head trials alternating, each a run of its own), so that each side can be reported and compared as one
/// run whose trials are its launches. Each run's trials keep their order; run k's trial t becomes trial
/// (trials of the runs before k) + t, in the run record and in every measurement's LaunchIndex of the exports.
/// </summary>
public static class TrialJoin
{
    /// <summary>Joins <paramref name="runs"/> into <paramref name="outFolder"/> (created; files there of the same names are replaced).</summary>
    /// <param name="outFolder">The folder of the joined run: neither of the runs' folders.</param>
    /// <param name="runs">The runs' folders, in the order their trials were measured (at least one).</param>
    /// <returns>The files written.</returns>
    /// <exception cref="ResultsException">A folder cannot be read, the runs are of different builds, profiles or machines, or the output folder is one of them.</exception>
    public static IReadOnlyList<string> Join(string outFolder, IReadOnlyList<string> runs)
    {
        ArgumentNullException.ThrowIfNull(outFolder);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ResultsException("join-trials needs the folders of one run or more: join-trials OUT RUN [RUN ...].");
        }

        string output = Path.GetFullPath(outFolder);
        RunResults[] loaded = [.. runs.Select(r => RunResults.Load(r))];
        if (loaded.Any(r => string.Equals(r.Folder, output, StringComparison.Ordinal)))
        {
            throw new ResultsException($"the joined run's folder {output} is one of the runs joined: give another folder.");
        }

        RunRecord first = loaded[0].Run;
        foreach (RunResults other in loaded.Skip(1))
        {
            RunRecord r = other.Run;
            if (r.Suite.Commit != first.Suite.Commit || r.Suite.Dirty != first.Suite.Dirty || r.Profile.Name != first.Profile.Name || r.Machine != first.Machine)
            {
                throw new ResultsException($"{other.Folder} is not a run of the same build, profile and machine as {loaded[0].Folder} (commit {r.Suite.Commit ?? "unknown"} against {first.Suite.Commit ?? "unknown"}): join only trials of one build.");
            }
        }

        ResultsFile.CheckWritableFolder(output, output);
        Directory.CreateDirectory(output);
        int[] trialsOf = [.. loaded.Select(r => TrialCount(r))];
        var written = new List<string>();
        foreach (string name in loaded.SelectMany(r => Directory.GetFiles(r.Folder, FullJsonReader.Pattern)).Select(f => Path.GetFileName(f)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            string path = Path.Combine(output, name);
            AtomicFile.WriteAllText(path, JoinExports(loaded, trialsOf, name).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            written.Add(path);
        }

        written.Add(RunResults.WriteRun(output, JoinRecords(loaded, trialsOf)));
        return written;
    }

    private static int TrialCount(RunResults run) =>
        run.Run.Trials?.Count ?? Math.Max(1, run.Measured.Select(m => m.Launches.Count).DefaultIfEmpty(1).Max());

    private static RunRecord JoinRecords(RunResults[] runs, int[] trialsOf)
    {
        RunRecord first = runs[0].Run;
        var orders = new List<IReadOnlyList<string>>();
        for (int k = 0; k < runs.Length; k++)
        {
            RunRecord r = runs[k].Run;
            if (r.Trials is { } trials)
            {
                orders.AddRange(trials.Orders);
            }
            else
            {
                // A run of one pass: BenchmarkDotNet's order, class by class, each class's cases as declared.
                IReadOnlyList<string> pass = [.. r.Benchmarks.Where(b => b.Status == BenchmarkStatus.Measured).Select(b => b.Id)];
                orders.AddRange(Enumerable.Repeat(pass, trialsOf[k]));
            }
        }

        // A case measured in some runs only keeps the status of the run that measured it.
        var benchmarks = new List<BenchmarkRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (BenchmarkRecord b in runs.SelectMany(r => r.Run.Benchmarks).OrderBy(b => b.Status == BenchmarkStatus.Measured ? 0 : 1))
        {
            if (seen.Add(b.Id))
            {
                benchmarks.Add(b);
            }
        }

        Dictionary<string, int> declared = first.Benchmarks.Select((b, i) => (b.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        double seconds = runs.Sum(r => r.Run.Duration.TotalSeconds);
        double? steal = runs.All(r => r.Run.StealPercent is not null) && seconds > 0
            ? runs.Sum(r => r.Run.StealPercent!.Value * r.Run.Duration.TotalSeconds) / seconds
            : null;
        return first with
        {
            Started = runs.Min(r => r.Run.Started),
            Ended = runs.Max(r => r.Run.Ended),
            Classes = [.. first.Classes.Select(c => c with { Seconds = runs.Sum(r => r.Run.ClassesSeconds(c.Type)) })],
            Benchmarks = [.. benchmarks.OrderBy(b => declared.TryGetValue(b.Id, out int i) ? i : int.MaxValue)],
            Failures = [.. runs.SelectMany(r => r.Run.Failures)],
            CoreScaling = first.CoreScaling is null ? null : first.CoreScaling with { Speedups = [.. runs.SelectMany(r => r.Run.CoreScaling?.Speedups ?? [])] },
            StealPercent = steal,
            Trials = new TrialsRecord(trialsOf.Sum(), first.Trials?.Seed ?? 0, orders) { JoinedFrom = [.. runs.Select(r => Path.GetFileName(r.Folder))] },
        };
    }

    private static double ClassesSeconds(this RunRecord run, string type) => run.Classes.FirstOrDefault(c => c.Type == type)?.Seconds ?? 0;

    private static JsonObject JoinExports(RunResults[] runs, int[] trialsOf, string fileName)
    {
        JsonObject? root = null;
        var benchmarks = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var order = new List<string>();
        int offset = 0;
        for (int k = 0; k < runs.Length; offset += trialsOf[k], k++)
        {
            string path = Path.Combine(runs[k].Folder, fileName);
            if (!File.Exists(path))
            {
                continue;
            }

            if (JsonNode.Parse(ResultsFile.ReadText(path, ResultsFile.MaxExportBytes)) is not JsonObject export || export["Benchmarks"] is not JsonArray exported)
            {
                throw new ResultsException($"{path} has no Benchmarks array: it is not a BenchmarkDotNet full JSON export; run the suite again to rewrite it.");
            }

            root ??= export;
            foreach (JsonObject benchmark in exported.OfType<JsonObject>())
            {
                string id = (string?)benchmark["FullName"] ?? throw new ResultsException($"a benchmark in {path} has no FullName: the file is corrupt; run the suite again to rewrite it.");
                JsonArray measurements = benchmark["Measurements"] as JsonArray ?? [];
                foreach (JsonObject m in measurements.OfType<JsonObject>())
                {
                    int launch = m["LaunchIndex"] is JsonValue v && v.TryGetValue(out int index) ? index : 1;
                    m["LaunchIndex"] = offset + Math.Clamp(launch, 1, trialsOf[k]);
                }

                if (benchmarks.TryGetValue(id, out JsonObject? joined))
                {
                    JsonArray all = joined["Measurements"] as JsonArray ?? [];
                    foreach (JsonNode? m in measurements.ToArray())
                    {
                        all.Add(m?.DeepClone());
                    }
                }
                else
                {
                    benchmarks[id] = (JsonObject)benchmark.DeepClone();
                    order.Add(id);
                }
            }
        }

        JsonObject result = (JsonObject)root!.DeepClone();
        result["Benchmarks"] = new JsonArray([.. order.Select(id => (JsonNode)WithPooledStatistics(benchmarks[id]))]);
        return result;
    }

    /// <summary>
    /// Replaces a joined benchmark's Statistics with the mean of every trial's result samples (a trial's own Statistics
    /// would describe that trial alone): N and Mean, which is what the reports read of it.
    /// </summary>
    /// <param name="benchmark">A benchmark of a full JSON export whose Measurements hold every trial.</param>
    /// <returns>The same object.</returns>
    public static JsonObject WithPooledStatistics(JsonObject benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        double[] samples = [.. (benchmark["Measurements"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(m => (string?)m["IterationMode"] == "Workload" && (string?)m["IterationStage"] == "Result")
            .Select(m => (double?)m["Nanoseconds"] / (double?)m["Operations"] ?? double.NaN)
            .Where(double.IsFinite)];
        benchmark["Statistics"] = samples.Length == 0 ? null : new JsonObject { ["N"] = samples.Length, ["Mean"] = samples.Average() };
        return benchmark;
    }
}
