using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Analysis.Rules;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;
using ConcurrencyBench.Reporting.Writing;

namespace ConcurrencyBench.Tests.Reporting;

public sealed class GuideTests
{
    private const string Io = "IoAggregation";
    private const string Cpu = "PrimeChecks";

    private static (string, string)[] IoParams(int n) => [("N", n.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("LatencyMs", "50"), ("K", "64")];

    private static FakeRun Waiting(int n = 1000, int samples = 10) => new FakeRun()
        .Class(Io, QuestionKind.StrategyComparison, new IdealTimeRecord(IdealTimeRecord.OneLatency, "LatencyMs", 2, null, null))
        .Row(Io, "Sequential", FakeRun.Around(250e6, samples), IoParams(5), baseline: true, workers: "One", waits: "Blocking")
        .Row(Io, "TaskWhenAll", FakeRun.Around(53e6, samples), IoParams(5), workers: "PerItem", waits: "Async")
        .Row(Io, "Sequential", null, IoParams(n), baseline: true, workers: "One", waits: "Blocking")
        .Row(Io, "TaskWhenAll", FakeRun.Around(54e6, samples), IoParams(n), workers: "PerItem", waits: "Async")
        .Row(Io, "ParallelForEachAsync", FakeRun.Around(54e6, samples, 0.02), IoParams(n), workers: "PerItem", waits: "Async")
        .Row(Io, "TaskRunPerItem", FakeRun.Around(800e6, samples, 0.2), IoParams(n), workers: "PerItem", waits: "BlockingPool", peakThreads: 240)
        .Row(Io, "FixedThreads", FakeRun.Around(810e6, samples), IoParams(n), workers: "K", waits: "Blocking");

    [Fact]
    public void WaitingWork_SaysWhatToUseAtTheLargestN_AndWhatToAvoidWithTheReason()
    {
        IReadOnlyList<string> guide = Guide.Sentences(RunAnalysis.Of(Waiting().Build()));

        string use = Assert.Single(guide, s => s.StartsWith("**IoAggregation question**", StringComparison.Ordinal));
        Assert.Contains("use TaskWhenAll, ParallelForEachAsync", use.Replace("ParallelForEachAsync, TaskWhenAll", "TaskWhenAll, ParallelForEachAsync", StringComparison.Ordinal));
        Assert.Contains("N=1000", use);
        Assert.Contains(guide, s => s.StartsWith("Avoid TaskRunPerItem for 1000 waits", StringComparison.Ordinal) && s.Contains("holds a pool thread", StringComparison.Ordinal) && s.Contains("240 threads", StringComparison.Ordinal));
        Assert.Contains(guide, s => s.StartsWith("Avoid FixedThreads for 1000 waits", StringComparison.Ordinal) && s.Contains("K=64", StringComparison.Ordinal) && s.Contains("16 latencies", StringComparison.Ordinal));
    }

    [Fact]
    public void WaitingWork_PastWhatWaitingExplains_KeepsTheAdviceAtTheLargestNThatWaits_AndSaysWhatSetsTheTime()
    {
        IReadOnlyList<string> guide = Guide.Sentences(RunAnalysis.Of(Waiting()
            .Row(Io, "Sequential", null, IoParams(10000), baseline: true, workers: "One", waits: "Blocking")
            .Row(Io, "TaskWhenAll", FakeRun.Around(350e6, 10), IoParams(10000), workers: "PerItem", waits: "Async")
            .Build()));

        string[] sentences = [.. guide.Where(s => s.StartsWith("**IoAggregation question**", StringComparison.Ordinal))];
        Assert.Equal(2, sentences.Length);
        Assert.Contains("N=1000", sentences[0]);
        Assert.Contains("use ", sentences[0]);
        Assert.Contains("N=10000", sentences[1]);
        Assert.Contains("even the fastest row, TaskWhenAll", sentences[1]);
        Assert.DoesNotContain("use ", sentences[1]);
    }

    [Fact]
    public void WaitingWork_FloorNotSeparatedFromTheFastestRow_SaysTheStrategyAddsLessThanTheThreshold()
    {
        IReadOnlyList<string> guide = Guide.Sentences(RunAnalysis.Of(Waiting()
            .Row(Io, "TimersAlone", FakeRun.Around(54e6, 10), IoParams(1000), floor: true)
            .Build()));

        string floor = Assert.Single(guide, s => s.Contains("timers alone", StringComparison.Ordinal));
        Assert.Contains("N=1000", floor);
        Assert.Contains("(TimersAlone, the floor", floor);
        Assert.Contains("not separated", floor);
        Assert.Contains("the strategy is not shown to add to what the timers alone take", floor);
        Assert.DoesNotContain("adds less than", floor);
        // The floor is a measure to read the rows against, never advice.
        Assert.DoesNotContain(guide, s => s.Contains("use TimersAlone", StringComparison.Ordinal) || s.Contains("use TaskWhenAll, TimersAlone", StringComparison.Ordinal));
    }

    [Fact]
    public void WaitingWork_FastestRowSlowerThanTheFloor_SaysSoWithTheRatio()
    {
        IReadOnlyList<string> guide = Guide.Sentences(RunAnalysis.Of(Waiting()
            .Row(Io, "TimersAlone", FakeRun.Around(50.5e6, 10, 0.001), IoParams(1000), floor: true)
            .Build()));

        string floor = Assert.Single(guide, s => s.Contains("timers alone", StringComparison.Ordinal));
        Assert.Contains("slower than the floor", floor);
        Assert.Contains("the rest is the strategy's", floor);
        Assert.Contains("1.07", floor);
    }

    [Fact]
    public void WaitingWork_WithTooFewSamples_SaysNothing()
    {
        IReadOnlyList<string> guide = Guide.Sentences(RunAnalysis.Of(Waiting(samples: 1).Build()));

        Assert.Empty(guide);
    }

    [Fact]
    public void ComputingWork_NamesTheWinnersWithTheBounds_AndWhyAsyncDoesNotPay()
    {
        var ideal = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [1, 1, 1, 1, 1, 1, 1, 1, 1, 2], "units");
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, ideal)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One", waits: "Blocking")
            .Row(Cpu, "Plinq", FakeRun.Around(550), workers: "K", waits: "Blocking")
            .Row(Cpu, "TaskWhenAll", FakeRun.Around(1005), workers: "PerItem", waits: "Async")
            .Row(Cpu, "ProcessPool", FakeRun.Around(560), workers: "K", waits: "Process", role: RowRoles.Pool)
            .Row(Cpu, "ProcessPerItem", FakeRun.Around(900), workers: "K", waits: "Process", role: RowRoles.ProcessPerItem)
            .Build());

        IReadOnlyList<string> guide = Guide.Sentences(analysis);

        string use = Assert.Single(guide, s => s.StartsWith("**PrimeChecks question**", StringComparison.Ordinal));
        Assert.Contains("Plinq, ProcessPool (none separated from the fastest)", use);
        Assert.Contains("allow at most 2.00", use);
        Assert.Contains(guide, s => s.StartsWith("Avoid TaskWhenAll for primechecks question", StringComparison.Ordinal) && s.Contains("not shown faster than Sequential", StringComparison.Ordinal));
        Assert.Contains(guide, s => s.StartsWith("Prefer ProcessPool to ProcessPerItem", StringComparison.Ordinal));
    }

    [Fact]
    public void ComputingWork_ASpeedupAboveItsOrdersBound_IsMarkedDisturbed_AndATimeSlicedRowHasNoBound()
    {
        // Nine items of 1 and one of 4 on 2 cores: largest first allows 13/7 = 1.86, list order 13/8 = 1.63, any
        // schedule 2. A largest-first row at 2.0 is above its order's bound: the machine disturbed it.
        var ideal = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [1, 1, 1, 1, 1, 1, 1, 1, 1, 4], "units");
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, ideal)
            .CoreScaling(2, 1.5, 1.6, 1.7)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One", waits: "Blocking")
            .Row(Cpu, "ThreadPerItem", FakeRun.Around(540), workers: "PerItem", waits: "Blocking")
            .Row(Cpu, "FixedThreads", FakeRun.Around(640), workers: "K", waits: "Blocking")
            .Row(Cpu, "FixedThreads_LargestFirst", FakeRun.Around(500), workers: "K", waits: "Blocking", largestFirst: true)
            .Build());
        GroupResult group = analysis.Questions[0].Groups[0];

        string use = Assert.Single(Guide.Sentences(analysis), s => s.StartsWith("**PrimeChecks question**", StringComparison.Ordinal));
        string report = ReportDocument.Render(analysis);

        Assert.True(group.Row("FixedThreads_LargestFirst")!.IsAboveCeiling);
        Assert.Contains("speedup 2.00 [", use);
        Assert.Contains("(above its order's bound, 1.86: a figure the machine disturbed)", use);
        Assert.Contains("**Above what the machine allows**: FixedThreads_LargestFirst's speedup", report);
        Assert.Contains("plain loops on every core reached 1.60", report);
        Assert.Null(group.Row("ThreadPerItem")!.ScheduleBound);
        Assert.False(group.Row("ThreadPerItem")!.IsAboveCeiling); // 1.85 against the ideal of any schedule, 2
        Assert.Contains("| ThreadPerItem |", report);
        Assert.Contains("none (time-sliced)", report);
        Assert.Contains("0.50 (exact)", report); // Sequential's efficiency: exact, not [0.50, 0.50]
    }

    [Fact]
    public void ComputingWork_LargestFirstRows_AreReadAgainstTheSameStrategyInListOrder_WithBothBounds()
    {
        // Nine items of 1, then one of 4, on 2 cores: list order starts the large item last (13/8), largest first first (13/7).
        var ideal = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [1, 1, 1, 1, 1, 1, 1, 1, 1, 4], "units");
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, ideal)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One", waits: "Blocking")
            .Row(Cpu, "FixedThreads", FakeRun.Around(640), workers: "K", waits: "Blocking")
            .Row(Cpu, "FixedThreads_LargestFirst", FakeRun.Around(510), workers: "K", waits: "Blocking", largestFirst: true, listOrderTwin: "FixedThreads")
            .Row(Cpu, "Plinq", FakeRun.Around(640), workers: "K", waits: "Blocking")
            .Row(Cpu, "Plinq_LargestFirst", FakeRun.Around(641), workers: "K", waits: "Blocking", largestFirst: true, listOrderTwin: "Plinq")
            .Build());

        IReadOnlyList<string> guide = Guide.Sentences(analysis);

        Assert.Contains(guide, s => s.Contains("hand out the largest first: FixedThreads_LargestFirst is faster than FixedThreads", StringComparison.Ordinal)
            && s.Contains("the bounds of the two orders: 1.86 and 1.63", StringComparison.Ordinal));
        Assert.Contains(guide, s => s.Contains("Plinq_LargestFirst is not separated from Plinq", StringComparison.Ordinal));
        RowResult largestFirst = analysis.Questions[0].Groups[0].Row("FixedThreads_LargestFirst")!;
        Assert.Equal(ItemSchedule.LargestFirst, largestFirst.Schedule);
        Assert.Equal(ItemSchedule.ListOrder, analysis.Questions[0].Groups[0].Row("FixedThreads")!.Schedule);
    }

    [Fact]
    public void MixedWork_ReadsTheFastestRowAgainstOneLatencyPlusTheComputeFloor()
    {
        const string Mixed = "MixedWork";
        (string, string)[] p = [("N", "32"), ("LatencyMs", "20")];
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Mixed, QuestionKind.StrategyComparison)
            .Row(Mixed, "Sequential", FakeRun.Around(900e6), p, baseline: true, workers: "One", waits: "Blocking")
            .Row(Mixed, "ComputeOnly", FakeRun.Around(50e6), p, floor: true)
            .Row(Mixed, "ChannelPipeline", FakeRun.Around(77e6), p, workers: "K", waits: "Async")
            .Row(Mixed, "FixedThreads", FakeRun.Around(110e6), p, workers: "K", waits: "Blocking")
            .Build());

        string sentence = Assert.Single(Guide.Sentences(analysis), s => s.Contains("the ideal is one latency plus the compute floor", StringComparison.Ordinal));

        Assert.True(sentence.Contains("20.0 ms + 50.0 ms = 70.0 ms", StringComparison.Ordinal), sentence);
        Assert.True(sentence.Contains("ChannelPipeline at 77.", StringComparison.Ordinal), sentence);
        Assert.Contains("1.10", sentence);
    }

    [Fact]
    public void ComputingWork_WhenNothingBeatsSequential_SaysNothing()
    {
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [1, 1], "units"))
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One")
            .Row(Cpu, "Plinq", FakeRun.Around(1001), workers: "K", waits: "Blocking")
            .Build());

        Assert.DoesNotContain(Guide.Sentences(analysis), s => s.StartsWith("**PrimeChecks question**", StringComparison.Ordinal));
    }

    [Fact]
    public void Crossover_OneSentencePerTransport_FromTheFirstSignificantlyFasterIntensity()
    {
        const string Cvc = "CopyVersusCompute";
        FakeRun run = new FakeRun().Class(Cvc, QuestionKind.Crossover, items: 8);
        foreach (int passes in new[] { 1, 8, 64 })
        {
            (string, string)[] p = [("PayloadBytes", "1048576"), ("Passes", passes.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            double sequential = 8 * (1 << 20) * 0.1 * passes; // 0.1 ns per byte and pass
            run.Row(Cvc, "Sequential", FakeRun.Around(sequential), p, baseline: true)
               .Row(Cvc, "ProcessPoolSharedMemory", FakeRun.Around(sequential / (passes == 1 ? 0.5 : passes == 8 ? 1.5 : 1.9)), p, transport: Transports.SharedMemory)
               .Row(Cvc, "ProcessPoolPipe", FakeRun.Around(sequential / (passes == 64 ? 1.0 : 0.3)), p, transport: Transports.Pipe);
        }

        IReadOnlyList<string> guide = Guide.Sentences(RunAnalysis.Of(run.Build()));

        Assert.Contains(guide, s => s.Contains("through SharedMemory", StringComparison.Ordinal) && s.Contains("from 0.80 ns of compute per byte with 1 MiB payloads", StringComparison.Ordinal));
        Assert.Contains(guide, s => s.Contains("through Pipe", StringComparison.Ordinal) && s.Contains("with 1 MiB payloads it is not shown faster, even at 6.40 ns per byte", StringComparison.Ordinal));
    }

    [Fact]
    public void BreakEven_OnlyBetweenPointsTheTestSeparatesFromOne()
    {
        static CrossoverPoint Point(int passes, double speedup, Separation verdict) => new("Pipe", 1 << 20, passes, passes * 0.1, new Estimate(speedup, speedup * 0.9, speedup * 1.1), verdict);

        Assert.Equal("≈ ", CrossoverPoint.BreakEven([Point(1, 0.5, Separation.Slower), Point(8, 1.5, Separation.Faster)])!.Value.Qualifier);
        Assert.Null(CrossoverPoint.BreakEven([Point(1, 0.97, Separation.NotSeparated), Point(8, 1.5, Separation.Faster)]));
        Assert.Null(CrossoverPoint.BreakEven([Point(1, 0.5, Separation.Slower), Point(8, 1.04, Separation.NotSeparated)]));
        Assert.Null(CrossoverPoint.BreakEven([Point(1, 0.5, Separation.Slower), Point(8, 0.98, Separation.NotSeparated)]));
        Assert.Equal("> ", CrossoverPoint.BreakEven([Point(1, 0.5, Separation.Slower), Point(8, 0.8, Separation.Slower)])!.Value.Qualifier);
    }

    [Fact]
    public void Report_WhenTheCPythonStepWasSkipped_SaysSoInItsHeader()
    {
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true)
            .Build(CPythonRecord.Skipped("python3 is not on the PATH")));

        string report = ConcurrencyBench.Reporting.Writing.ReportDocument.Render(analysis);

        Assert.Contains("| CPython | skipped: python3 is not on the PATH |", report);
        Assert.DoesNotContain("## CPython beside .NET", report);
    }

    [Fact]
    public void CPythonBesideDotNet_ThreadsThatDoNotSpeedUpComputingInCPython_AreTheGilLesson()
    {
        var ideal = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [1, 1, 1, 1], "units");
        var run = new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, ideal)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One")
            .Row(Cpu, "FixedThreads", FakeRun.Around(520), workers: "K", waits: "Blocking");
        RunRecord record = run.Record();
        var py = new FakeRun().Class("CPythonComputingWork", QuestionKind.StrategyComparison, ideal)
            .Row("CPythonComputingWork", "Sequential", FakeRun.Around(9000), baseline: true, workers: "One")
            .Row("CPythonComputingWork", "ThreadPoolExecutor", FakeRun.Around(9100), workers: "K", waits: "BlockingPool");
        RunRecord pyRecord = py.Record();
        RunRecord merged = record with
        {
            Classes = [.. record.Classes, .. pyRecord.Classes.Select(c => c with { Runtime = CPythonRecord.RuntimeName })],
            Benchmarks = [.. record.Benchmarks, .. pyRecord.Benchmarks.Select(b => b.Method == "ThreadPoolExecutor" ? b with { Beside = "PrimeChecks.FixedThreads" } : b)],
            CPython = new CPythonRecord(BenchmarkStatus.Measured, null, "CPython", "3.11.7", true, false, "fork", "/usr/bin/python3", 20),
        };
        RunAnalysis analysis = RunAnalysis.Of(RunResults.Create("/nonexistent", merged, [.. run.Measured, .. py.Measured]));

        var finding = Assert.IsType<CPythonBesideDotNetFinding>(Assert.Single(new CPythonBesideDotNetRule().Find(analysis)));
        string lesson = GuideWording.Sentence(finding);

        Assert.Equal(CPythonLesson.ThreadsDoNotSpeedUpComputing, finding.Lesson);
        Assert.Equal(("ThreadPoolExecutor", "FixedThreads"), (finding.CPython.Method, finding.DotNet.Method));

        Assert.Contains("in CPython 3.11.7 threads are not shown to speed up the prime checks", lesson);
        Assert.Contains("the GIL", lesson);
        Assert.Contains("in .NET FixedThreads reaches", lesson);
        Assert.DoesNotContain(Guide.Sentences(analysis), s => s.Contains("ThreadPoolExecutor", StringComparison.Ordinal) && s.StartsWith("Avoid", StringComparison.Ordinal));
    }
}
