using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Tests.Reporting;

public sealed class RunAnalysisTests
{
    private const string Io = "IoAggregation";
    private const string Cpu = "PrimeChecks";
    private static readonly IdealTimeRecord Latency = new(IdealTimeRecord.OneLatency, "LatencyMs", 2, null, null);

    private static (string, string)[] IoParams(int n) => [("N", n.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("LatencyMs", "50"), ("K", "64")];

    [Fact]
    public void Efficiency_OfWaitingWork_IsOneLatencyOverTheMedianForEveryStrategy()
    {
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Io, QuestionKind.StrategyComparison, Latency)
            .Row(Io, "Sequential", FakeRun.Around(250e6), IoParams(5), baseline: true, workers: "One", waits: "Blocking")
            .Row(Io, "TaskWhenAll", FakeRun.Around(62.5e6), IoParams(5), workers: "PerItem", waits: "Async")
            .Build());

        GroupResult group = analysis.Questions[0].Groups[0];
        Assert.Equal(0.8, group.Row("TaskWhenAll")!.Efficiency!.Value.Value, 3);
        Assert.Equal(0.2, group.Row("Sequential")!.Efficiency!.Value.Value, 3);
        Assert.Equal(4, group.Row("TaskWhenAll")!.Speedup!.Value.Value, 3);
        Assert.Equal(Separation.Faster, group.Row("TaskWhenAll")!.VersusReference);
    }

    [Fact]
    public void Efficiency_OfComputingWork_UsesTheLargerOfWorkOverCoresAndTheLargestItem()
    {
        // Items 6, 2, 2: on 2 cores the largest item (6 of 10) bounds any schedule to a speedup of 10 / 6.
        var ideal = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [6, 2, 2], "units");
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, ideal)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One")
            .Row(Cpu, "Plinq", FakeRun.Around(625), workers: "K")
            .Build());

        RowResult plinq = analysis.Questions[0].Groups[0].Row("Plinq")!;
        Assert.Equal(1.6, plinq.Speedup!.Value.Value, 3);
        Assert.Equal(1.6 / (10.0 / 6), plinq.Efficiency!.Value.Value, 3);
        Assert.Equal(10.0 / 6, plinq.ScheduleBound!.Value, 3);
        Assert.Equal(1.0, analysis.Questions[0].Groups[0].Row("Sequential")!.ScheduleBound!.Value, 3);
    }

    [Theory]
    [InlineData("One", 1.0)]
    [InlineData("1", 1.0)]
    [InlineData("2", 2.0)]
    [InlineData("8", 4.0)] // a fixed count beyond the cores runs on the cores
    public void ListOrderBound_OfAFixedWorkerCount_IsTheScheduleOnThatManyWorkersAtMostTheCores(string workers, double bound)
    {
        // Eight equal items on 4 cores: w workers allow a speedup of w, and no more than 4.
        var ideal = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 4, [2, 2, 2, 2, 2, 2, 2, 2], "units");
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, ideal)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One")
            .Row(Cpu, "ClusterOneWorkerPerSilo", FakeRun.Around(600), workers: workers)
            .Build());

        RowResult row = analysis.Questions[0].Groups[0].Row("ClusterOneWorkerPerSilo")!;
        Assert.Equal(ItemSchedule.ListOrder, row.Schedule);
        Assert.Equal(bound, row.ScheduleBound!.Value, 3);
    }

    [Fact]
    public void ScheduleBound_OneWorkerVersusTwo_DiffersAsTheWorkersDo()
    {
        // Items 6, 2, 2 on 2 cores: one worker runs them in 10, two in 6 (6 | 2+2).
        var ideal = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [6, 2, 2], "units");
        GroupResult group = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, ideal)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One")
            .Row(Cpu, "ClusterOneWorkerPerSilo_1Silo", FakeRun.Around(1100), workers: "1")
            .Row(Cpu, "ClusterOneWorkerPerSilo_2Silos", FakeRun.Around(700), workers: "2")
            .Build()).Questions[0].Groups[0];

        Assert.Equal(1.0, group.Row("ClusterOneWorkerPerSilo_1Silo")!.ScheduleBound!.Value, 3);
        Assert.Equal(10.0 / 6, group.Row("ClusterOneWorkerPerSilo_2Silos")!.ScheduleBound!.Value, 3);
    }

    [Fact]
    public void Speedup_WhereSequentialWasSkipped_IsAnEstimateFromItsPerCallTimeAtASmallerN()
    {
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Io, QuestionKind.StrategyComparison, Latency)
            .Row(Io, "Sequential", FakeRun.Around(250e6), IoParams(5), baseline: true, workers: "One")
            .Row(Io, "Sequential", null, IoParams(100), baseline: true, workers: "One")
            .Row(Io, "TaskWhenAll", FakeRun.Around(50e6), IoParams(100), workers: "PerItem", waits: "Async")
            .Build());

        RowResult row = analysis.Questions[0].Groups.Single(g => g.Title.StartsWith("N=100", StringComparison.Ordinal)).Row("TaskWhenAll")!;
        Assert.Equal(100, row.Speedup!.Value.Value, 3);
        Assert.Contains("N times its measured per-call time at N=5", row.SpeedupEstimateNote);
        Assert.Single(analysis.Questions[0].Skipped);
    }

    [Fact]
    public void Winners_AreTheFastestAndEveryRowNotSeparatedFromIt()
    {
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true)
            .Row(Cpu, "A", FakeRun.Around(500, 10, 0.02))
            .Row(Cpu, "B", FakeRun.Around(505, 10, 0.02))
            .Row(Cpu, "C", FakeRun.Around(700))
            .Build());

        GroupResult group = analysis.Questions[0].Groups[0];
        Assert.True(group.CanRank);
        Assert.Equal(["A", "B"], group.Winners.Select(w => w.Method).Order());
    }

    [Fact]
    public void Winners_WithTooFewSamples_OnlyTheFastestAndNoRanking()
    {
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison)
            .Row(Cpu, "Sequential", [1000.0], baseline: true)
            .Row(Cpu, "A", [500.0])
            .Row(Cpu, "B", [700.0])
            .Build());

        GroupResult group = analysis.Questions[0].Groups[0];
        Assert.False(group.CanRank);
        Assert.Equal("A", Assert.Single(group.Winners).Method);
        Assert.Equal(Separation.TooFewSamples, group.Row("A")!.VersusReference);
    }

    [Fact]
    public void Floors_AreReferencesNotWinners_AndLikeForLikeRowsAreReadAgainstTheirFloor()
    {
        const string Ipc = "IpcPayloadSweep";
        (string, string)[] size = [("PayloadBytes", "1048576")];
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Ipc, QuestionKind.DataMovement)
            .Row(Ipc, "InProcessCopy", FakeRun.Around(50e3), size, baseline: true, floor: true, bytes: 1 << 20)
            .Row(Ipc, "InProcessCopyAndChecksum", FakeRun.Around(200e3), size, floor: true, bytes: 1 << 20)
            .Row(Ipc, "PipeOneWay", FakeRun.Around(800e3), size, comparedWith: "InProcessCopyAndChecksum", bytes: 1 << 20)
            .Row(Ipc, "SharedMemoryOneWay", FakeRun.Around(400e3), size, comparedWith: "InProcessCopyAndChecksum", bytes: 1 << 20)
            .Build());

        GroupResult group = analysis.Questions[0].Groups[0];
        Assert.Equal("SharedMemoryOneWay", Assert.Single(group.Winners).Method);
        RowResult shm = group.Row("SharedMemoryOneWay")!;
        Assert.Equal("InProcessCopyAndChecksum", shm.Reference!.Method);
        Assert.Equal(0.5, shm.Speedup!.Value.Value, 3);
        Assert.Equal((1 << 20) / 400e3, shm.GigabytesPerSecond!.Value.Value, 3);
    }

    [Fact]
    public void CrossoverBreakEven_IsInterpolatedOnALogScale()
    {
        // Each point separated from 1 on its side (a break-even is located only between such points).
        CrossoverPoint Point(int passes, double speedup) => new("Pipe", 1 << 20, passes, passes * 0.1, new Estimate(speedup, null, null), speedup > 1 ? Separation.Faster : Separation.Slower);

        var breakEven = CrossoverPoint.BreakEven([Point(1, 0.5), Point(16, 1.5)]);

        // Halfway between 1 and 16 on a log scale: 4 passes, 0.4 ns per byte.
        Assert.Equal("≈ ", breakEven!.Value.Qualifier);
        Assert.Equal(4, breakEven.Value.Passes, 6);
        Assert.Equal(0.4, breakEven.Value.NanosecondsPerByte, 6);
        Assert.Equal("> ", CrossoverPoint.BreakEven([Point(1, 0.5), Point(16, 0.9)])!.Value.Qualifier);
        Assert.Equal("≤ ", CrossoverPoint.BreakEven([Point(1, 1.1)])!.Value.Qualifier);
    }
}
