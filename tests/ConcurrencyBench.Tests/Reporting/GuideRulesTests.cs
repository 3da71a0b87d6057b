using System.Globalization;
using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Analysis.Rules;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;
using ConcurrencyBench.Reporting.Writing;

namespace ConcurrencyBench.Tests.Reporting;

/// <summary>Each rule of the guide on fixed inputs, through its type: the kind of each finding, its rows and its verdict.</summary>
public sealed class GuideRulesTests
{
    private const string Io = "IoAggregation";
    private const string Cpu = "PrimeChecks";

    private static (string, string)[] IoParams(int n) => [("N", n.ToString(CultureInfo.InvariantCulture)), ("LatencyMs", "50"), ("K", "64")];

    [Fact]
    public void WaitingWorkRule_WinnersAtTheLargestNThatWaits_RowsToAvoidWithTheirReason_AndTheFloor()
    {
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Io, QuestionKind.StrategyComparison, new IdealTimeRecord(IdealTimeRecord.OneLatency, "LatencyMs", 2, null, null))
            .Row(Io, "Sequential", FakeRun.Around(250e6), IoParams(5), baseline: true, workers: "One", waits: "Blocking")
            .Row(Io, "TaskWhenAll", FakeRun.Around(53e6), IoParams(5), workers: "PerItem", waits: "Async")
            .Row(Io, "Sequential", null, IoParams(1000), baseline: true, workers: "One", waits: "Blocking")
            .Row(Io, "TaskWhenAll", FakeRun.Around(54e6), IoParams(1000), workers: "PerItem", waits: "Async")
            .Row(Io, "TimersAlone", FakeRun.Around(54e6), IoParams(1000), floor: true)
            .Row(Io, "TaskRunPerItem", FakeRun.Around(800e6, 10, 0.2), IoParams(1000), workers: "PerItem", waits: "BlockingPool", peakThreads: 240)
            .Row(Io, "FixedThreads", FakeRun.Around(810e6), IoParams(1000), workers: "K", waits: "Blocking")
            .Build());

        GuideFinding[] findings = [.. new WaitingWorkRule().Find(analysis)];

        Assert.Equal([typeof(WaitingWinnersFinding), typeof(WaitingAvoidFinding), typeof(WaitingAvoidFinding), typeof(TimersFloorFinding)], findings.Select(f => f.GetType()));
        var use = (WaitingWinnersFinding)findings[0];
        Assert.Equal("N=1000, LatencyMs=50, K=64", use.Group.Title);
        Assert.Equal("TaskWhenAll", use.Fastest.Method);
        Assert.Equal(["TaskWhenAll"], use.Winners.Select(w => w.Method));
        var avoid = findings.OfType<WaitingAvoidFinding>().ToDictionary(f => f.Row.Method);
        Assert.Equal((AvoidReason.PoolThreadPerCall, 1000, (int?)null), (avoid["TaskRunPerItem"].Reason, avoid["TaskRunPerItem"].Calls, avoid["TaskRunPerItem"].AtOnce));
        Assert.Equal((AvoidReason.AtMostKAtOnce, 1000, (int?)64), (avoid["FixedThreads"].Reason, avoid["FixedThreads"].Calls, avoid["FixedThreads"].AtOnce));
        var floor = (TimersFloorFinding)findings[3];
        Assert.Equal(("TimersAlone", "TaskWhenAll", Separation.NotSeparated), (floor.Floor.Method, floor.Fastest.Method, floor.Verdict));
        Assert.Equal(1, floor.Ratio.Value, 0.01);
        Assert.StartsWith("Avoid FixedThreads for 1000 waits: efficiency ", GuideWording.Sentence(avoid["FixedThreads"]), StringComparison.Ordinal);
    }

    [Fact]
    public void WaitingWorkRule_PastWhatWaitingExplains_IsABeyondWaitingFinding()
    {
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Io, QuestionKind.StrategyComparison, new IdealTimeRecord(IdealTimeRecord.OneLatency, "LatencyMs", 2, null, null))
            .Row(Io, "Sequential", FakeRun.Around(250e6), IoParams(5), baseline: true, workers: "One", waits: "Blocking")
            .Row(Io, "TaskWhenAll", FakeRun.Around(53e6), IoParams(5), workers: "PerItem", waits: "Async")
            .Row(Io, "Sequential", null, IoParams(10000), baseline: true, workers: "One", waits: "Blocking")
            .Row(Io, "TaskWhenAll", FakeRun.Around(350e6), IoParams(10000), workers: "PerItem", waits: "Async")
            .Build());

        GuideFinding[] findings = [.. new WaitingWorkRule().Find(analysis)];

        Assert.Equal([typeof(WaitingWinnersFinding), typeof(WaitingAvoidFinding), typeof(BeyondWaitingFinding)], findings.Select(f => f.GetType()));
        Assert.Equal("N=5, LatencyMs=50, K=64", ((WaitingWinnersFinding)findings[0]).Group.Title);
        var sequential = (WaitingAvoidFinding)findings[1];
        Assert.Equal(("Sequential", AvoidReason.WaitsForOneCallAtATime, 5), (sequential.Row.Method, sequential.Reason, sequential.Calls));
        var beyond = (BeyondWaitingFinding)findings[2];
        Assert.Equal(("N=10000, LatencyMs=50, K=64", "TaskWhenAll"), (beyond.Group.Title, beyond.Fastest.Method));
    }

    [Fact]
    public void ComputingWorkRule_Winners_RowsThatDoNotPay_TheOrderOfUnequalItems_AndThePoolOverAProcessPerItem()
    {
        var ideal = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [1, 1, 1, 1, 1, 1, 1, 1, 1, 4], "units");
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, ideal)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One", waits: "Blocking")
            .Row(Cpu, "Workers", FakeRun.Around(560), workers: "K", waits: "Process", role: RowRoles.Pool)
            .Row(Cpu, "Spawn", FakeRun.Around(900), workers: "K", waits: "Process", role: RowRoles.ProcessPerItem)
            .Row(Cpu, "Awaits", FakeRun.Around(1005), workers: "PerItem", waits: "Async")
            .Row(Cpu, "Alone", FakeRun.Around(1100), workers: "1", waits: "Blocking")
            .Row(Cpu, "Queue", FakeRun.Around(640), workers: "K", waits: "Blocking")
            .Row(Cpu, "QueueBigFirst", FakeRun.Around(555), workers: "K", waits: "Blocking", largestFirst: true, listOrderTwin: "Queue")
            .Build());

        GuideFinding[] findings = [.. new ComputingWorkRule().Find(analysis)];

        var use = Assert.IsType<ComputingWinnersFinding>(findings[0]);
        Assert.Equal(["QueueBigFirst", "Workers"], use.Winners.Select(w => w.Method).Order());
        Assert.Same(use.Fastest, use.Quoted);
        Assert.Equal(["Workers"], use.Disturbed.Select(w => w.Method)); // 1.79 in list order, whose bound is 13/8
        ItemScheduleBounds bounds = use.Bounds!;
        Assert.Equal((2, 2.0, 13.0 / 8, 13.0 / 7), (bounds.Cores, bounds.Ideal, bounds.ListOrder, bounds.LargestFirst));
        var avoid = findings.OfType<ComputingAvoidFinding>().ToDictionary(f => f.Row.Method);
        Assert.Equal((AvoidReason.ItemsRanOneAfterAnother, Separation.NotSeparated), (avoid["Awaits"].Reason, avoid["Awaits"].VersusSequential));
        Assert.Equal((AvoidReason.RunsOneItemAtATime, Separation.Slower), (avoid["Alone"].Reason, avoid["Alone"].VersusSequential));
        Assert.DoesNotContain("Spawn", avoid.Keys); // faster than Sequential: the pool is preferred to it instead
        var order = Assert.Single(findings.OfType<OrderOfUnequalWorkFinding>());
        Assert.Equal(("QueueBigFirst", "Queue", Separation.Faster), (order.LargestFirst.Method, order.ListOrder.Method, order.Verdict));
        var prefer = Assert.Single(findings.OfType<PreferPoolFinding>());
        Assert.Equal(("Workers", "Spawn"), (prefer.Pool.Method, prefer.ProcessPerItem.Method));
        Assert.IsType<PreferPoolFinding>(findings[^1]);
    }

    [Fact]
    public void ComputingWorkRule_WorkThatWaitsThenComputes_IsReadAgainstOneLatencyPlusTheComputeFloor()
    {
        const string Mixed = "MixedWork";
        (string, string)[] p = [("N", "32"), ("LatencyMs", "20")];
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Mixed, QuestionKind.StrategyComparison)
            .Row(Mixed, "Sequential", FakeRun.Around(900e6), p, baseline: true, workers: "One", waits: "Blocking")
            .Row(Mixed, "ComputeOnly", FakeRun.Around(50e6), p, floor: true)
            .Row(Mixed, "ChannelPipeline", FakeRun.Around(77e6), p, workers: "K", waits: "Async")
            .Build());

        var mixed = Assert.Single(new ComputingWorkRule().Find(analysis).OfType<FetchThenComputeFinding>());

        Assert.Equal(("ComputeOnly", "ChannelPipeline"), (mixed.Floor.Method, mixed.Fastest.Method));
        Assert.Equal(20e6, mixed.LatencyNanoseconds);
        Assert.Equal(70e6, mixed.IdealNanoseconds, 1e5);
        Assert.Equal(1.1, mixed.TimesTheIdeal.Value, 0.01);
    }

    [Fact]
    public void GranularityRule_TheSmallestPayingItemPerRow_AndTheRowsThatNeverPay()
    {
        RunAnalysis analysis = RunAnalysis.Of(GranularityFixture.AddTo(new FakeRun()).Build());

        GuideFinding[] findings = [.. new GranularityRule().Find(analysis)];

        var pays = Assert.IsType<SmallestPayingItemFinding>(findings[0]);
        Assert.Equal(["ParallelForRanges_Sized", "TaskRunPerItem"], pays.Paying.Select(r => r.Method));
        Assert.Equal(["TaskRunPerItem"], pays.Outweighed.Select(r => r.Method));
        var never = Assert.IsType<NeverPaysFinding>(findings[1]);
        Assert.Equal(["ProcessPool"], never.Rows.Select(r => r.Method));
        Assert.Equal(1 << 16, never.Largest.Size);
        Assert.Equal(2, findings.Length);
    }

    [Fact]
    public void MovingDataRule_TheFastestTransportsAtTheSmallestAndTheLargestPayload()
    {
        const string Ipc = "IpcPayloadSweep";
        var run = new FakeRun().Class(Ipc, QuestionKind.DataMovement);
        foreach (int bytes in new[] { 1 << 10, 1 << 20, 1 << 26 })
        {
            (string, string)[] p = [("PayloadBytes", bytes.ToString(CultureInfo.InvariantCulture))];
            run.Row(Ipc, "InProcessCopyAndChecksum", FakeRun.Around(bytes * 0.3), p, floor: true, bytes: bytes)
               .Row(Ipc, "PipeOneWay", FakeRun.Around(60e3 + (bytes * 1.0)), p, comparedWith: "InProcessCopyAndChecksum", bytes: bytes, transport: Transports.Pipe)
               .Row(Ipc, "SharedMemoryOneWay", FakeRun.Around(2e3 + (bytes * 0.4)), p, comparedWith: "InProcessCopyAndChecksum", bytes: bytes, transport: Transports.SharedMemory)
               // An echo read against the same transport in plain C: faster than any one-way row here, and not like for like.
               .Row(Ipc, "PlainCPipeEcho", FakeRun.Around(500 + (bytes * 0.05)), p, floor: true, bytes: 2.0 * bytes, transport: Transports.Pipe)
               .Row(Ipc, "PipeEcho", FakeRun.Around(1e3 + (bytes * 0.1)), p, comparedWith: "PlainCPipeEcho", bytes: 2.0 * bytes, transport: Transports.Pipe);
        }

        RunAnalysis analysis = RunAnalysis.Of(run.Build());
        MovingDataFinding[] findings = [.. new MovingDataRule().Find(analysis).Cast<MovingDataFinding>()];

        Assert.Equal([1 << 10, 1 << 26], findings.Select(f => f.PayloadBytes));
        Assert.All(findings, f => Assert.Equal("SharedMemoryOneWay", f.Fastest.Method));
        Assert.All(findings, f => Assert.Equal(["SharedMemoryOneWay"], f.Tied.Select(r => r.Method)));
        Assert.All(findings, f => Assert.Equal(["PipeOneWay"], f.Others.Select(r => r.Method)));
        RowResult echo = analysis.Question(Ipc)!.Rows.First(r => r.Method == "PipeEcho");
        Assert.Equal("PlainCPipeEcho", echo.Reference!.Method); // its ratio is to plain C, with its interval
        Assert.InRange(echo.Speedup!.Value.Value, 0.45, 0.55);
        Assert.False(echo.IsLikeForLike);
    }

    [Fact]
    public void CopyVersusComputeRule_PerTransport_TheLightestComputeThatPays_OrTheHeaviestThatDoesNot()
    {
        const string Cvc = "CopyVersusCompute";
        FakeRun run = new FakeRun().Class(Cvc, QuestionKind.Crossover, items: 8);
        foreach (int passes in new[] { 1, 8, 64 })
        {
            (string, string)[] p = [("PayloadBytes", "1048576"), ("Passes", passes.ToString(CultureInfo.InvariantCulture))];
            double sequential = 8 * (1 << 20) * 0.1 * passes;
            run.Row(Cvc, "Sequential", FakeRun.Around(sequential), p, baseline: true)
               .Row(Cvc, "OverSharedMemory", FakeRun.Around(sequential / (passes == 1 ? 0.5 : passes == 8 ? 1.5 : 1.9)), p, role: RowRoles.Pool, transport: Transports.SharedMemory)
               .Row(Cvc, "OverPipes", FakeRun.Around(sequential / (passes == 64 ? 1.0 : 0.3)), p, role: RowRoles.Pool, transport: Transports.Pipe);
        }

        CopyVersusComputeFinding[] findings = [.. new CopyVersusComputeRule().Find(RunAnalysis.Of(run.Build())).Cast<CopyVersusComputeFinding>()];

        Assert.Equal([Transports.SharedMemory, Transports.Pipe], findings.Select(f => f.Transport));
        CrossoverPoint pays = Assert.Single(findings[0].PaysFrom);
        Assert.Equal((1 << 20, 8, Separation.Faster), (pays.PayloadBytes, pays.Passes, pays.Verdict));
        Assert.Empty(findings[0].NeverPays);
        Assert.Empty(findings[1].PaysFrom);
        CrossoverPoint never = Assert.Single(findings[1].NeverPays);
        Assert.Equal((64, Separation.NotSeparated), (never.Passes, never.Verdict));
        Assert.StartsWith("**Copy versus compute**: through Pipe, a pool of worker processes was shown faster than computing in process at no measured intensity", GuideWording.Sentence(findings[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void BaselinesRule_EachRowTheTestSeparatesFromItsBaseline_WithTheRatioOfTimes()
    {
        const string Starts = "ProcessStartup";
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Starts, QuestionKind.BaselineComparison)
            .Row(Starts, "StartBinTrue", FakeRun.Around(1000), baseline: true)
            .Row(Starts, "StartWorker", FakeRun.Around(3000))
            .Row(Starts, "StartAgain", FakeRun.Around(1001))
            .Build());

        var finding = Assert.IsType<BaselineFinding>(Assert.Single(new BaselinesRule().Find(analysis)));

        Assert.Equal(("StartWorker", "StartBinTrue", Separation.Slower), (finding.Row.Method, finding.Reference.Method, finding.Verdict));
        Assert.Equal(3, finding.TimeRatio!.Value.Value, 0.01);
    }

    [Fact]
    public void ClusterCostRule_TheClusterRowAgainstThePoolThatRunsAsManyAtOnce()
    {
        (string, string)[] k2 = [("K", "2")];
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [1, 1, 1, 1], "units"))
            .Row(Cpu, "Sequential", FakeRun.Around(1000), k2, baseline: true, workers: "One", waits: "Blocking")
            .Row(Cpu, "Workers", FakeRun.Around(600), k2, workers: "K", waits: "Process", role: RowRoles.Pool)
            .Row(Cpu, "Silos", FakeRun.Around(700), k2, workers: "K", waits: "Cluster", role: RowRoles.Cluster)
            .Row(Cpu, "TwoSilos", FakeRun.Around(720), k2, workers: "2", waits: "Cluster", role: RowRoles.Cluster)
            .Row(Cpu, "OneSilo", FakeRun.Around(1100), k2, workers: "1", waits: "Cluster", role: RowRoles.Cluster)
            .Build());

        ClusterCostFinding[] findings = [.. new ClusterCostRule().Find(analysis).Cast<ClusterCostFinding>()];

        Assert.Equal(["Silos", "TwoSilos"], findings.Select(f => f.Cluster.Method)); // one worker is Sequential's rival, not the pool's
        Assert.All(findings, f => Assert.Equal(("Workers", Separation.Slower, false), (f.Pool.Method, f.Verdict, f.ExistingCluster)));
        Assert.Equal(700.0 / 600, findings[0].Ratio.Value, 0.01);
    }

    [Fact]
    public void PoolBesideThreadsRule_EachPlainPoolAgainstTheThreadsOfItsOrder()
    {
        (string, string)[] k2 = [("K", "2")];
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [1, 1, 1, 1], "units"))
            .Row(Cpu, "Sequential", FakeRun.Around(1000), k2, baseline: true, workers: "One", waits: "Blocking")
            .Row(Cpu, "Threads", FakeRun.Around(500), k2, workers: "K", waits: "Blocking", role: RowRoles.FixedThreads)
            .Row(Cpu, "ThreadsBigFirst", FakeRun.Around(450), k2, workers: "K", waits: "Blocking", role: RowRoles.FixedThreads, largestFirst: true, listOrderTwin: "Threads")
            .Row(Cpu, "Workers", FakeRun.Around(600), k2, workers: "K", waits: "Process", role: RowRoles.Pool)
            .Row(Cpu, "WorkersBigFirst", FakeRun.Around(451), k2, workers: "K", waits: "Process", role: RowRoles.Pool, largestFirst: true, listOrderTwin: "Workers")
            .Row(Cpu, "Chunked", FakeRun.Around(700), k2, workers: "K", waits: "Process", role: RowRoles.ChunkedPool)
            .Build());

        PoolBesideThreadsFinding[] findings = [.. new PoolBesideThreadsRule().Find(analysis).Cast<PoolBesideThreadsFinding>()];

        // Each pool with the threads of its own order; the chunked pool follows another schedule and is left out.
        Assert.Equal([("Workers", "Threads", Separation.Slower), ("WorkersBigFirst", "ThreadsBigFirst", Separation.NotSeparated)], findings.Select(f => (f.Pool.Method, f.Threads.Method, f.Verdict)));
        Assert.Equal(600.0 / 500, findings[0].Ratio.Value, 0.01);
        Assert.Contains(Guide.Sentences(analysis), s => s.StartsWith("**Processes or threads, the same schedule**", StringComparison.Ordinal) && s.Contains("WorkersBigFirst took", StringComparison.Ordinal) && s.Contains("not separated", StringComparison.Ordinal));
    }

    [Fact]
    public void ClusterCostRule_AChunkedClusterAgainstTheChunkedPool_NotThePlainOne()
    {
        (string, string)[] k2 = [("K", "2")];
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [1, 1, 1, 1], "units"))
            .Row(Cpu, "Sequential", FakeRun.Around(1000), k2, baseline: true, workers: "One", waits: "Blocking")
            .Row(Cpu, "Workers", FakeRun.Around(2000), k2, workers: "K", waits: "Process", role: RowRoles.Pool)
            .Row(Cpu, "ChunkedWorkers", FakeRun.Around(550), k2, workers: "K", waits: "Process", role: RowRoles.ChunkedPool)
            .Row(Cpu, "ChunkedSilos", FakeRun.Around(660), k2, workers: "K", waits: "Cluster", role: RowRoles.ChunkedCluster)
            .Build());

        ClusterCostFinding finding = Assert.Single(new ClusterCostRule().Find(analysis).Cast<ClusterCostFinding>());

        Assert.Equal(("ChunkedSilos", "ChunkedWorkers", Separation.Slower), (finding.Cluster.Method, finding.Pool.Method, finding.Verdict));
        Assert.Equal(660.0 / 550, finding.Ratio.Value, 0.01);
    }

    [Theory]
    [InlineData(true, 1 << 20)] // both measured at 1 KiB and 1 MiB, the .NET row skipped at 16 MiB
    [InlineData(false, null)] // both measured at 1 KiB only: below what reads as a bandwidth
    public void CPythonBesideDotNetRule_ThePipeEcho_AtTheLargestPayloadBothMeasured_FromOneMebibyte(bool dotNetAtOneMebibyte, int? expected)
    {
        const string Ipc = "IpcPayloadSweep", Py = "CPythonPipeEcho";
        var run = new FakeRun().Class(Ipc, QuestionKind.DataMovement).Class(Py, QuestionKind.DataMovement);
        foreach (int bytes in new[] { 1 << 10, 1 << 20, 1 << 24 })
        {
            (string, string)[] p = [("PayloadBytes", bytes.ToString(CultureInfo.InvariantCulture))];
            bool measured = bytes == 1 << 10 || (bytes == 1 << 20 && dotNetAtOneMebibyte);
            run.Row(Ipc, "InProcessCopy", FakeRun.Around(bytes * 0.1), p, baseline: true, floor: true, bytes: bytes)
               .Row(Ipc, "PipeEcho", measured ? FakeRun.Around(1e4 + bytes) : null, p, bytes: 2.0 * bytes, transport: Transports.Pipe)
               .Row(Py, "MultiprocessingPipeEcho", FakeRun.Around(2e4 + (2.0 * bytes)), p, bytes: 2.0 * bytes);
        }

        RunRecord record = run.Record();
        record = record with
        {
            Classes = [.. record.Classes.Select(c => c.Type == Py ? c with { Runtime = CPythonRecord.RuntimeName } : c)],
            Benchmarks = [.. record.Benchmarks.Select(b => b.Type == Py ? b with { Beside = "IpcPayloadSweep.PipeEcho" } : b)],
            CPython = new CPythonRecord(BenchmarkStatus.Measured, null, "CPython", "3.11.7", true, false, "fork", "/usr/bin/python3", 20),
        };
        RunAnalysis analysis = RunAnalysis.Of(RunResults.Create("/nonexistent", record, run.Measured));

        CPythonBesideDotNetFinding[] findings = [.. new CPythonBesideDotNetRule().Find(analysis).Cast<CPythonBesideDotNetFinding>()];

        Assert.Equal(expected, findings.SingleOrDefault()?.PayloadBytes);
        if (expected is not null)
        {
            CPythonBesideDotNetFinding echo = findings.Single();
            Assert.Equal((CPythonLesson.PipeEcho, "MultiprocessingPipeEcho", "PipeEcho"), (echo.Lesson, echo.CPython.Method, echo.DotNet.Method));
            Assert.Equal(1 << 20, echo.CPython.Record.Inputs!.PayloadBytes);
            Assert.StartsWith("**CPython beside .NET, moving data**: an echo of 1 MiB through CPython 3.11.7's multiprocessing.Pipe", GuideWording.Sentence(echo), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryDotNetQuestion_IsReadByExactlyOneRuleOfItsKind_AndNoCPythonQuestionIs()
    {
        var oneLatency = new IdealTimeRecord(IdealTimeRecord.OneLatency, "LatencyMs", 2, null, null);
        var overCores = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [1, 1], "units");
        ClassRecord[] classes =
        [
            new("A", "A", QuestionKind.StrategyComparison, null, oneLatency, null, null),
            new("B", "B", QuestionKind.StrategyComparison, null, overCores, null, null),
            new("C", "C", QuestionKind.StrategyComparison, null, null, null, null),
            new("D", "D", QuestionKind.StrategyComparison, null, overCores, null, null, Granularity: new GranularityRecord("Size", 1024, "rounds")),
            new("E", "E", QuestionKind.DataMovement, null, null, null, null),
            new("F", "F", QuestionKind.Crossover, null, null, 8, null),
            new("G", "G", QuestionKind.BaselineComparison, null, null, null, null),
        ];
        Func<QuestionResult, bool>[] reads = [GranularityRule.Reads, WaitingWorkRule.Reads, ComputingWorkRule.Reads, MovingDataRule.Reads, CopyVersusComputeRule.Reads, BaselinesRule.Reads];

        foreach (ClassRecord cls in classes)
        {
            Assert.Equal(1, reads.Count(r => r(new QuestionResult(cls, []))));
            Assert.Equal(0, reads.Count(r => r(new QuestionResult(cls with { Runtime = CPythonRecord.RuntimeName }, []))));
        }
    }
}
