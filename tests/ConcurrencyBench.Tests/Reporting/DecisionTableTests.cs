using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Writing;

namespace ConcurrencyBench.Tests.Reporting;

/// <summary>
/// The answer's table gives each row to avoid the reason its roles in run.json give, whatever the methods are called,
/// and "slower" only where its roles name none.
/// </summary>
public sealed class DecisionTableTests
{
    [Fact]
    public void AProcessStartOfTheJitBuild_IsAvoidedForItsStartUp()
    {
        string line = AvoidLine(new FakeRun()
            .Class("Starts", QuestionKind.BaselineComparison)
            .Row("Starts", "First", FakeRun.Around(60_000_000), baseline: true, workerBuild: WorkerBuilds.Jit)
            .Row("Starts", "Second", FakeRun.Around(10_000_000), workerBuild: WorkerBuilds.NativeAot));

        Assert.Contains("| Second | First (JIT start) |", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ATextFormat_IsAvoidedAsText()
    {
        string line = AvoidLine(new FakeRun()
            .Class("Formats", QuestionKind.BaselineComparison)
            .Row("Formats", "Copy", FakeRun.Around(20), baseline: true, floor: true, format: PayloadFormats.Raw)
            .Row("Formats", "One", FakeRun.Around(300), format: PayloadFormats.Text)
            .Row("Formats", "Two", FakeRun.Around(60), format: PayloadFormats.Binary));

        Assert.Contains("| Two | One (text format) |", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ATransportThroughTheKernel_IsAvoidedBesideSharedMemory()
    {
        (string, string)[] kib = [("PayloadBytes", "1024")];
        string line = AvoidLine(new FakeRun()
            .Class("Moves", QuestionKind.DataMovement)
            .Row("Moves", "Floor", FakeRun.Around(100), kib, baseline: true, floor: true, bytes: 1024)
            .Row("Moves", "Handed", FakeRun.Around(2_000), kib, bytes: 1024, transport: Transports.SharedMemory)
            .Row("Moves", "Sent", FakeRun.Around(20_000), kib, bytes: 1024, transport: Transports.UnixSocket));

        Assert.Contains("| Handed | Sent (via the kernel) |", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputingWork_NamesHowEachSlowerRowRuns()
    {
        var ideal = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, null, null);
        string line = AvoidLine(new FakeRun()
            .Class("Cpu", QuestionKind.StrategyComparison, ideal)
            .Row("Cpu", "A", FakeRun.Around(1000), baseline: true, workers: "One", waits: "Blocking")
            .Row("Cpu", "B", FakeRun.Around(510), workers: "K", waits: "BlockingPool")
            .Row("Cpu", "C", FakeRun.Around(1000), workers: "PerItem", waits: "Async")
            .Row("Cpu", "D", FakeRun.Around(900), workers: "K", waits: "Process", role: RowRoles.Pool)
            .Row("Cpu", "E", FakeRun.Around(800), workers: "K", waits: "Process", role: RowRoles.ProcessPerItem));

        Assert.Contains("| B | C (ran one by one), D (round trip per item), E (a process per item) |", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputingWork_ChunkedPoolAndCluster_AreSlowerByTheirRoundTripPerChunk()
    {
        var ideal = new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, null, null);
        string line = AvoidLine(new FakeRun()
            .Class("Cpu", QuestionKind.StrategyComparison, ideal)
            .Row("Cpu", "A", FakeRun.Around(1000), baseline: true, workers: "One", waits: "Blocking")
            .Row("Cpu", "B", FakeRun.Around(510), workers: "K", waits: "BlockingPool")
            .Row("Cpu", "F", FakeRun.Around(700), workers: "K", waits: "Process", role: RowRoles.ChunkedPool)
            .Row("Cpu", "G", FakeRun.Around(800), workers: "K", waits: "Cluster", role: RowRoles.ChunkedCluster));

        Assert.Contains("| B | G (a grain call per chunk), F (round trip per chunk)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void ARowWhoseRolesNameNoReason_IsSaidSlower_NothingMore()
    {
        string line = AvoidLine(new FakeRun()
            .Class("Plain", QuestionKind.BaselineComparison)
            .Row("Plain", "Base", FakeRun.Around(1000), baseline: true)
            .Row("Plain", "Other", FakeRun.Around(500)));

        Assert.Contains("| Other | Base (slower) |", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema3Runs_AreMigrated_WorkerBuildsFormatsAndStarvationWaitsFromTheirNames()
    {
        BenchmarkRecord Row(string type, string method) => new(
            $"{type}.{method}", type, method, [], "", false, [], null, false, null, null, null, null, BenchmarkStatus.Measured, null, null, null);
        RunRecord old = new FakeRun().Record() with
        {
            Schema = 3,
            Benchmarks =
            [
                Row("ProcessStartup", "Start_JitWorker"), Row("ProcessStartup", "StartHandshakeExit_AotWorker"), Row("ProcessStartup", "Start_BinTrue"),
                Row("SerializationFormats", "SystemTextJson"), Row("SerializationFormats", "MemoryPack"), Row("SerializationFormats", "RawBytes"),
                Row("ThreadPoolStarvation", "TaskRunBlocking_RaisedMinimum"), Row("ThreadPoolStarvation", "Async_TaskWhenAll"), Row("PrimeChecks", "Start_JitWorker"),
            ],
        };

        RunRecord run = RunRecordMigration.ToCurrent(old, 3);

        Assert.Equal(RunRecord.CurrentSchema, run.Schema);
        Assert.Equal([WorkerBuilds.Jit, WorkerBuilds.NativeAot, null, null, null, null, null, null, null], run.Benchmarks.Select(b => b.WorkerBuild));
        Assert.Equal([null, null, null, PayloadFormats.Text, PayloadFormats.Binary, PayloadFormats.Raw, null, null, null], run.Benchmarks.Select(b => b.Format));
        Assert.Equal([null, null, null, null, null, null, "BlockingPool", "Async", null], run.Benchmarks.Select(b => b.Waits));
    }

    [Fact]
    public void TheBenchmarkSidesNames_AreTheRecordsValues()
    {
        Assert.Equal(
            [WorkerBuilds.Jit, WorkerBuilds.NativeAot],
            Enum.GetNames<ConcurrencyBench.Benchmarks.Infrastructure.WorkerBuildKind>());
        Assert.Equal(
            [PayloadFormats.Raw, PayloadFormats.Binary, PayloadFormats.Text],
            Enum.GetNames<ConcurrencyBench.Benchmarks.Infrastructure.PayloadFormat>());
    }

    // The table's one line (a class of one group has one).
    private static string AvoidLine(FakeRun run)
    {
        string[] lines = [.. DecisionTable.Render(RunAnalysis.Of(run.Build())).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2)];
        return Assert.Single(lines);
    }
}
