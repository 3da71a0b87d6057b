using ConcurrencyBench.Reporting;
using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Writing;

namespace ConcurrencyBench.Tests.Reporting;

public sealed class ReportDocumentTests : IDisposable
{
    private const string Cpu = "PrimeChecks";
    private readonly string _folder = Directory.CreateTempSubdirectory("cb-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void WriteAll_ClusterRowInAStoredRun_ReportHasItsClusterSetUp()
    {
        string report = WrittenReport(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One")
            .Row(Cpu, "Cluster_2Silos", FakeRun.Around(800), workers: "K", cluster: new ClusterRecord(2, 1.5, [10, 12], Existing: false)));

        string line = Assert.Single(report.Split('\n'), l => l.StartsWith("**Cluster set-up**", StringComparison.Ordinal));
        Assert.Contains("Cluster_2Silos: 2 silo(s) started and ready in", line);
        Assert.Contains("silo 0 10, silo 1 12", line);
        Assert.DoesNotContain("Sequential", line);
    }

    [Fact]
    public void WriteAll_StoredRunWithTheCoresCeiling_HeaderGivesTheMedianPairWithItsIntervalAndTheRange()
    {
        double[] speedups = [1.5, 1.8, 1.85, 1.88, 1.9, 1.9, 1.91, 1.92, 1.93, 1.94, 1.95, 1.96, 1.97, 1.98, 2.2];
        string report = WrittenReport(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One")
            .CoreScaling(2, speedups));

        string line = Assert.Single(report.Split('\n'), l => l.StartsWith("| The cores' ceiling |", StringComparison.Ordinal));
        Assert.Contains("on 2 dedicated threads reached a speedup of 1.92 [", line);
        Assert.Contains("median of 15 pairs", line);
        Assert.Contains("lowest 1.50, highest 2.20", line);
    }

    [Fact]
    public void Render_RunWithoutTheCoresCeiling_HasNoSuchLine()
    {
        string report = Render(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One"));

        Assert.DoesNotContain("The cores' ceiling", report);
    }

    [Fact]
    public void Render_RowOnAnExistingCluster_SaysItConnectedToAnExistingCluster()
    {
        string report = Render(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One")
            .Row(Cpu, "Cluster_2Silos", FakeRun.Around(800), workers: "K", cluster: new ClusterRecord(3, 0.2, [4, 5, 6], Existing: true)));

        Assert.Contains("**Cluster set-up**", report);
        Assert.Contains("Cluster_2Silos: an existing cluster of 3 silo(s), connected in", report);
        Assert.Contains("silo 0 4, silo 1 5, silo 2 6", report);
        Assert.DoesNotContain("started and ready", report);
    }

    [Fact]
    public void Render_ItemsPerSiloInThousands_AreGroupedWithCommas()
    {
        string report = Render(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One")
            .Row(Cpu, "Cluster_1Silo", FakeRun.Around(800), workers: "K", cluster: new ClusterRecord(1, 1, [12345], Existing: false)));

        Assert.Contains("silo 0 12,345", report);
    }

    [Fact]
    public void Render_GroupWithoutClusterRows_HasNoClusterSetUp()
    {
        string report = Render(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One")
            .Row(Cpu, "Plinq", FakeRun.Around(500), workers: "K"));

        Assert.DoesNotContain("Cluster set-up", report);
    }

    [Fact]
    public void Render_RowThatIsBaselineAndFloor_IsLabelledBoth()
    {
        const string Startup = "ProcessStartup";
        string report = Render(new FakeRun()
            .Class(Startup, QuestionKind.BaselineComparison)
            .Row(Startup, "RoundTrip_InProcess", FakeRun.Around(1000), baseline: true, floor: true)
            .Row(Startup, "RoundTrip_ClusterGrain", FakeRun.Around(50_000))
            .Row(Startup, "RoundTrip_Pipe", FakeRun.Around(20_000), floor: true));

        Assert.Contains("| RoundTrip_InProcess (baseline, floor) |", report);
        Assert.Contains("| RoundTrip_Pipe (floor) |", report);
        Assert.Contains("| RoundTrip_ClusterGrain |", report);
    }

    [Fact]
    public void Render_RowWhoseSamplesFormTwoGroups_IsListedWithItsRange_AndTheOthersAreNot()
    {
        double[] pool = [.. FakeRun.Around(850e6, 6, 0.02), .. FakeRun.Around(1470e6, 4, 0.005)];
        string report = Render(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison)
            .Row(Cpu, "Sequential", FakeRun.Around(1490e6), baseline: true, workers: "One")
            .Row(Cpu, "ProcessPool", pool, workers: "K"));

        string line = Assert.Single(report.Split('\n'), l => l.StartsWith("**Samples in groups**", StringComparison.Ordinal));
        Assert.Contains("ProcessPool (mValue ", line);
        Assert.Contains("samples from 833 ms to 1.48 s", line);
        Assert.DoesNotContain("Sequential", line);
    }

    [Fact]
    public void Render_RowsInOneGroupEach_HaveNoSuchLine()
    {
        string report = Render(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison)
            .Row(Cpu, "Sequential", FakeRun.Around(1490e6), baseline: true, workers: "One")
            .Row(Cpu, "ProcessPool", FakeRun.Around(850e6, 10, 0.03), workers: "K"));

        Assert.DoesNotContain("Samples in groups", report);
    }

    [Fact]
    public void WriteAll_StoredRunWithHighSteal_HeaderGivesItAndCallsTheRunDisturbed()
    {
        string report = WrittenReport(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One")
            .Steal(15.1));

        string line = Assert.Single(report.Split('\n'), l => l.StartsWith("| Hypervisor steal |", StringComparison.Ordinal));
        Assert.Contains("15.1% of the CPU time", line);
        Assert.Contains("**a disturbed run**", line);
    }

    [Fact]
    public void Render_RunWithLowSteal_GivesItWithoutTheWarning_AndARunWithoutItHasNoLine()
    {
        FakeRun Run() => new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One");

        string quiet = Render(Run().Steal(3.0));

        Assert.Contains("| Hypervisor steal | 3.0% of the CPU time", quiet);
        Assert.DoesNotContain("disturbed", quiet);
        Assert.DoesNotContain("Hypervisor steal", Render(Run()));
    }

    [Fact]
    public void WriteAll_StoredRunWithItsTimerClock_HeaderGivesTheStepAndWhatItCostsAWait()
    {
        FakeRun Run() => new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison)
            .Row(Cpu, "Sequential", FakeRun.Around(1000), baseline: true, workers: "One");

        string report = WrittenReport(Run().TimerTick(4));

        string line = Assert.Single(report.Split('\n'), l => l.StartsWith("| Timers' clock |", StringComparison.Ordinal));
        Assert.Contains("steps of 4 ms", line);
        Assert.Contains("up to about 4 ms early or late", line);
        Assert.DoesNotContain("Timers' clock", Render(Run()));
    }

    private static string Render(FakeRun run) => ReportDocument.Render(RunAnalysis.Of(run.Build()));

    // Stored as the suite stores a run, then read back and reported as the report command does.
    private string WrittenReport(FakeRun run)
    {
        run.WriteTo(_folder);
        ReportSet.Write(_folder);
        return File.ReadAllText(Path.Combine(_folder, "REPORT.md"));
    }
}
