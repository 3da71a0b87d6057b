using System.Text.RegularExpressions;
using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Tests.Reporting;

/// <summary>The rules read rows by their roles in run.json, never by a method's name.</summary>
public sealed partial class RowRolesTests
{
    private const string Cpu = "PrimeChecks";

    [Fact]
    public void Rules_FindPoolClusterAndTwinByRole_WhateverTheMethodsAreCalled()
    {
        var ideal = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [1, 1, 1, 1, 1, 1, 1, 1, 1, 4], "units");
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, ideal)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One", waits: "Blocking")
            .Row(Cpu, "Workers", FakeRun.Around(600), workers: "K", waits: "Process", role: RowRoles.Pool)
            .Row(Cpu, "Spawn", FakeRun.Around(900), workers: "K", waits: "Process", role: RowRoles.ProcessPerItem)
            .Row(Cpu, "Silos", FakeRun.Around(700), workers: "K", waits: "Cluster", role: RowRoles.Cluster)
            .Row(Cpu, "Queue", FakeRun.Around(640), workers: "K", waits: "Blocking")
            .Row(Cpu, "QueueBigFirst", FakeRun.Around(540), workers: "K", waits: "Blocking", largestFirst: true, listOrderTwin: "Queue")
            .Build());

        IReadOnlyList<string> guide = Guide.Sentences(analysis);

        Assert.Contains(guide, s => s.StartsWith("**Crossing to a cluster**", StringComparison.Ordinal) && s.Contains("Silos took", StringComparison.Ordinal) && s.Contains("of Workers", StringComparison.Ordinal));
        Assert.Contains(guide, s => s.Contains("QueueBigFirst is faster than Queue", StringComparison.Ordinal));
    }

    [Fact]
    public void NoRule_MatchesAMethodName()
    {
        string reporting = Path.Combine(ConcurrencyBench.RepositoryRoot.Find(), "src", "ConcurrencyBench.Reporting");
        string[] rules = [.. Directory.GetFiles(Path.Combine(reporting, "Analysis"), "*.cs", SearchOption.AllDirectories), .. Directory.GetFiles(Path.Combine(reporting, "Writing"), "*.cs", SearchOption.AllDirectories)];
        Assert.Contains(rules, f => Path.GetFileName(f) == "WaitingWorkRule.cs"); // the rules' own folder is read too
        Assert.All(
            ["r.Method == \"ProcessPool\"", "d.Method == target[^1]", "Method is \"Plinq\"", "m.Method.StartsWith(\"Cluster\")", "r.Record.Parameter(\"PayloadBytes\")", "IntParameter(py.Record, \"PayloadBytes\")", "p.Name != \"N\""],
            shape => Assert.Matches(NameMatch(), shape));
        foreach (string file in rules)
        {
            foreach (Match m in NameMatch().Matches(File.ReadAllText(file)))
            {
                Assert.Fail($"{Path.GetFileName(file)} matches a method's name: {m.Value}");
            }
        }
    }

    [Fact]
    public void Schema1Runs_AreMigrated_RolesAndTwinsFromTheirNames()
    {
        BenchmarkRecord Row(string method, bool largestFirst = false) => new(
            $"T.{method}", "T", method, [], "", false, [], null, false, "K", null, null, null, BenchmarkStatus.Measured, null, null, null,
            Order: largestFirst ? BenchmarkRecord.LargestFirstOrder : null);
        RunRecord old = new FakeRun().Record() with
        {
            Schema = 1,
            Benchmarks = [Row("ProcessPool"), Row("ProcessPool_LargestFirst", largestFirst: true), Row("RoundTrip_PoolWorker"), Row("ProcessPerItem"), Row("Cluster_2Silos"), Row("RoundTrip_ClusterGrain"), Row("FixedThreads_LargestFirst", largestFirst: true), Row("Plinq")],
        };

        RunRecord run = RunRecordMigration.ToCurrent(old, 1);

        Assert.Equal(RunRecord.CurrentSchema, run.Schema);
        Assert.Equal([RowRoles.Pool, RowRoles.Pool, RowRoles.Pool, RowRoles.ProcessPerItem, RowRoles.Cluster, RowRoles.Cluster, null, null], run.Benchmarks.Select(b => b.Role));
        Assert.Equal([null, "ProcessPool", null, null, null, null, "FixedThreads", null], run.Benchmarks.Select(b => b.ListOrderTwin));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunRecordMigration.ToCurrent(old, RunRecord.CurrentSchema + 1));
    }

    [Fact]
    public void Schema2Runs_AreMigrated_InputsAndTransportsFromTheirNames()
    {
        BenchmarkRecord Row(string type, string method, params (string Name, string Value)[] parameters) => new(
            $"{type}.{method}", type, method, [.. parameters.Select(p => new ParameterRecord(p.Name, p.Value))], "", false, [], null, false, null, null, null, null,
            BenchmarkStatus.Measured, null, null, null, Role: method.StartsWith("ProcessPool", StringComparison.Ordinal) ? RowRoles.Pool : null);
        RunRecord old = new FakeRun().Record() with
        {
            Schema = 2,
            Benchmarks =
            [
                Row("IoAggregation", "ParallelForEachAsync", ("N", "1000"), ("LatencyMs", "50"), ("K", "64")),
                Row("CopyVersusCompute", "ProcessPoolUnixSocket", ("PayloadBytes", "1048576"), ("Passes", "8"), ("K", "2")),
                Row("IpcPayloadSweep", "SharedMemoryPipeSignal", ("PayloadBytes", "1024")),
                Row("IpcPayloadSweep", "InProcessCopy", ("PayloadBytes", "1024")),
                Row("PrimeChecks", "ProcessPool_LargestFirst"),
                Row("TaskGranularity", "Plinq", ("RoundsPerItem", "256")),
            ],
        };

        RunRecord run = RunRecordMigration.ToCurrent(old, 2);

        Assert.Equal(RunRecord.CurrentSchema, run.Schema);
        Assert.Equal(
            [new InputsRecord(Items: 1000, AtOnce: 64, LatencyMilliseconds: 50), new InputsRecord(AtOnce: 2, PayloadBytes: 1 << 20, Passes: 8), new InputsRecord(PayloadBytes: 1024), new InputsRecord(PayloadBytes: 1024), null, null],
            run.Benchmarks.Select(b => b.Inputs));
        Assert.Equal([null, Transports.UnixSocket, Transports.SharedMemory, null, null, null], run.Benchmarks.Select(b => b.Transport));
        Assert.Equal([null, RowRoles.Pool, null, null, RowRoles.Pool, null], run.Benchmarks.Select(b => b.Role)); // roles are schema 2's own
    }

    [Fact]
    public void TheCommittedRuns_ReadAsSchema2_WithTheirPoolRowsRoled()
    {
        RunResults quick = RunResults.Load(Path.Combine(ConcurrencyBench.RepositoryRoot.Find(), "results", "reference", "intel-xeon-2core-linux-quick"));

        Assert.Equal(RunRecord.CurrentSchema, quick.Run.Schema);
        Assert.Contains(quick.Run.Benchmarks, b => b.Method == "ProcessPool" && b.Role == RowRoles.Pool);
        Assert.Contains(quick.Run.Benchmarks, b => b.Method == "FixedThreads_LargestFirst" && b.ListOrderTwin == "FixedThreads");
    }

    // A rule that finds rows by name: r.Method == "X" or == another name (BenchmarkRecord.Matches is the one place a
    // row is found by what another record calls it), Method is "X", Method.StartsWith/Contains/EndsWith/Replace("X");
    // or reads a parameter by its name: record.Parameter("N"), any helper called *Parameter*(record, "K"), p.Name == "N".
    [GeneratedRegex(@"\bMethod\s*(==|!=|is)[\s(]|Method\.(StartsWith|Contains|EndsWith|Replace)\(|Parameter\w*\([^()""]*""|\bName\s*(==|!=)\s*""")]
    private static partial Regex NameMatch();
}
