using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.EventProcessors;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// A run of several trials: every selected case once per trial, each in its own launch, the trials' cases in a fresh
/// random order over every class (<see cref="TrialSchedule"/>). BenchmarkDotNet runs its run infos in the order given
/// and builds once for all of them, so each case of each trial is a run info of its own. Its exports are written here,
/// one full JSON per class with every trial's measurements (the trial as BenchmarkDotNet's LaunchIndex), because
/// BenchmarkDotNet would write one file per run info under the same name.
/// </summary>
internal static class TrialRuns
{
    /// <summary>Orders the cases of every trial into run infos of one case each.</summary>
    /// <param name="trialRuns">Per trial, the run info of each class (fresh cases for each trial).</param>
    /// <param name="seed">The seed of the orders.</param>
    /// <returns>The run infos in the order to run, the trial of each case, and the record of the orders.</returns>
    public static (BenchmarkRunInfo[] Runs, Dictionary<BenchmarkCase, int> TrialOf, TrialsRecord Record) Plan(IReadOnlyList<IReadOnlyList<BenchmarkRunInfo>> trialRuns, int seed)
    {
        ArgumentNullException.ThrowIfNull(trialRuns);
        var trialOf = new Dictionary<BenchmarkCase, int>();
        var runs = new List<BenchmarkRunInfo>();
        var orders = new List<IReadOnlyList<string>>();
        (BenchmarkRunInfo Info, BenchmarkCase Case)[][] perTrial = [.. trialRuns.Select(t => t.SelectMany(r => r.BenchmarksCases.Select(c => (r, c))).ToArray())];
        int cases = perTrial.Length == 0 ? 0 : perTrial[0].Length;
        if (perTrial.Any(t => t.Length != cases))
        {
            throw new InvalidOperationException("every trial must select the same cases.");
        }

        IReadOnlyList<IReadOnlyList<int>> order = TrialSchedule.Orders(cases, trialRuns.Count, seed);
        for (int t = 0; t < perTrial.Length; t++)
        {
            var names = new List<string>(cases);
            foreach (int i in order[t])
            {
                (BenchmarkRunInfo info, BenchmarkCase c) = perTrial[t][i];
                runs.Add(new BenchmarkRunInfo([c], info.Type, info.Config));
                trialOf[c] = t + 1;
                names.Add(FullNameProvider.GetBenchmarkName(c));
            }

            orders.Add(names);
        }

        return ([.. runs], trialOf, new TrialsRecord(trialRuns.Count, seed, orders));
    }

    /// <summary>
    /// Writes one BenchmarkDotNet full JSON export per class into <paramref name="folder"/>: each case once, with the
    /// measurements of every trial, each trial's launch numbered by its trial.
    /// </summary>
    /// <param name="folder">The results folder.</param>
    /// <param name="summaries">The summaries of the trials' run infos.</param>
    /// <param name="trialOf">The trial of each case.</param>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> WriteExports(string folder, IReadOnlyList<Summary> summaries, IReadOnlyDictionary<BenchmarkCase, int> trialOf)
    {
        var byClass = new SortedDictionary<string, (JsonObject Root, Dictionary<string, JsonObject> Benchmarks, List<string> Order)>(StringComparer.Ordinal);
        foreach (Summary summary in summaries)
        {
            if (summary.BenchmarksCases.Length != 1 || summary.Reports.Length == 0)
            {
                continue;
            }

            BenchmarkCase c = summary.BenchmarksCases[0];
            var log = new AccumulationLogger();
            JsonExporter.Full.ExportToLog(summary, log);
            if (JsonNode.Parse(log.GetLog()) is not JsonObject root || root["Benchmarks"] is not JsonArray { Count: > 0 } benchmarks || benchmarks[0] is not JsonObject benchmark)
            {
                continue;
            }

            string type = c.Descriptor.Type.FullName ?? c.Descriptor.Type.Name;
            if (!byClass.TryGetValue(type, out var entry))
            {
                root["Title"] = type;
                entry = (root, new Dictionary<string, JsonObject>(StringComparer.Ordinal), []);
                byClass[type] = entry;
            }

            int trial = trialOf.TryGetValue(c, out int t) ? t : 1;
            foreach (JsonObject measurement in (benchmark["Measurements"] as JsonArray ?? []).OfType<JsonObject>())
            {
                measurement["LaunchIndex"] = trial;
            }

            string name = FullNameProvider.GetBenchmarkName(c);
            if (entry.Benchmarks.TryGetValue(name, out JsonObject? merged))
            {
                JsonArray all = merged["Measurements"] as JsonArray ?? [];
                foreach (JsonNode? m in (benchmark["Measurements"] as JsonArray ?? []).ToArray())
                {
                    all.Add(m?.DeepClone());
                }
            }
            else
            {
                entry.Benchmarks[name] = (JsonObject)benchmark.DeepClone();
                entry.Order.Add(name);
            }
        }

        var written = new List<string>();
        foreach ((string type, (JsonObject root, Dictionary<string, JsonObject> benchmarks, List<string> order)) in byClass)
        {
            // Declared order (the first trial's order is random), and the statistics of every trial's results together.
            root["Benchmarks"] = new JsonArray([.. order.OrderBy(n => n, StringComparer.Ordinal).Select(n => TrialJoin.WithPooledStatistics(benchmarks[n]))]);
            string path = Path.Combine(folder, $"{type}-report-full.json");
            AtomicFile.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            written.Add(path);
        }

        return written;
    }
}

/// <summary>Measures the cores' ceiling every few run infos of a trial run, rather than before each (each is one case).</summary>
/// <param name="scaling">The run's check of the cores' ceiling.</param>
/// <param name="every">Run infos between two checks.</param>
internal sealed class PeriodicScalingCheck(CoreScalingCheck scaling, int every) : EventProcessor
{
    private int _runInfos;

    /// <inheritdoc />
    public override void OnStartRunBenchmarksInType(Type type, IReadOnlyList<BenchmarkCase> benchmarks)
    {
        if (_runInfos++ % every == 0)
        {
            scaling.Measure(1);
        }
    }
}
