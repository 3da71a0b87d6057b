using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using ConcurrencyBench.Benchmarks;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Benchmarks.Running;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Tests.Running;

public sealed class RunRecordBuilderTests
{
    [Fact]
    public void Build_TakesEveryInputIntoTheOneRecord_CPythonClassesAfterDotNets()
    {
        var cpython = new CPythonRecord(BenchmarkStatus.Measured, null, "CPython", "3.13.0", true, false, "fork", "/usr/bin/python3", 30);
        var exercise = new ClassRecord("CPythonWaitingWork", "CPython beside .NET, waiting work", QuestionKind.StrategyComparison, null, null, null, null, CPythonRecord.RuntimeName);
        var row = new BenchmarkRecord("CPythonWaitingWork.Sequential", "CPythonWaitingWork", "Sequential", [], "", true, [], null, false, "One", "Blocking", null, null, BenchmarkStatus.Measured, null, null, null);
        var started = new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

        RunRecord run = RunRecordBuilder.Build(new RunInputs(
            Profile.Quick, [], new Dictionary<BenchmarkDotNet.Running.BenchmarkCase, string>(), started, started.AddMinutes(9), ["one failure"],
            new CoreScalingRecord(2, [1.5, 1.9]), 2.5, 4, cpython, new CPythonRun(cpython, [exercise], [row])));

        Assert.Equal("quick", run.Profile.Name);
        Assert.Equal(TimeSpan.FromMinutes(9), run.Duration);
        Assert.Equal(["one failure"], run.Failures);
        Assert.Equal([1.5, 1.9], run.CoreScaling!.Speedups);
        Assert.Equal(2.5, run.StealPercent);
        Assert.Equal(4, run.TimerTickMilliseconds);
        Assert.Same(cpython, run.CPython);
        Assert.Equal([exercise], run.Classes);
        Assert.Equal([row], run.Benchmarks);
    }

    [Fact]
    public void ClusterOf_NoLaunchReportedACluster_IsNull()
    {
        Assert.Null(RunRecordBuilder.ClusterOf([]));
        Assert.Null(RunRecordBuilder.ClusterOf([null, Facts(cluster: null)]));
    }

    [Fact]
    public void ClusterOf_SeveralLaunches_MostSilosSlowestReadyInSecondsAndItemsSummedBySilo()
    {
        ClusterRecord record = RunRecordBuilder.ClusterOf([
            Facts(new ClusterFacts(2, 1500, [10, 12], Existing: false)),
            null,
            Facts(new ClusterFacts(2, 2500, [5, 7], Existing: false)),
        ])!;

        Assert.Equal(2, record.Silos);
        Assert.Equal(2.5, record.TimeToReadySeconds, 9);
        Assert.Equal([15L, 19L], record.ItemsPerSilo);
        Assert.False(record.Existing);
    }

    [Fact]
    public void ClusterOf_LaunchesWithDifferentSiloCounts_SumsByIndexWithMissingSilosAsZero()
    {
        ClusterRecord record = RunRecordBuilder.ClusterOf([
            Facts(new ClusterFacts(1, 100, [4], Existing: false)),
            Facts(new ClusterFacts(2, 200, [1, 2, 3], Existing: false)),
        ])!;

        Assert.Equal(2, record.Silos);
        Assert.Equal([5L, 2L, 3L], record.ItemsPerSilo);
    }

    [Fact]
    public void ClusterOf_AnyLaunchOnAnExistingCluster_IsExisting()
    {
        ClusterRecord record = RunRecordBuilder.ClusterOf([
            Facts(new ClusterFacts(2, 100, [1, 1], Existing: false)),
            Facts(new ClusterFacts(2, 100, [1, 1], Existing: true)),
        ])!;

        Assert.True(record.Existing);
    }

    [Fact]
    public void Inputs_AreTheMarkedParametersTyped()
    {
        BenchmarkCase io = BenchmarkConverter.TypeToBenchmarks(typeof(IoAggregation)).BenchmarksCases
            .First(c => c.Parameters.Items.Any(p => p.Name == nameof(IoAggregation.N) && (int)p.Value == 1000));
        BenchmarkCase copy = BenchmarkConverter.TypeToBenchmarks(typeof(CopyVersusCompute)).BenchmarksCases[0];

        Assert.Equal(new InputsRecord(Items: 1000, AtOnce: 64, LatencyMilliseconds: 50), RunRecordBuilder.Inputs(io));
        Assert.Equal(new InputsRecord(AtOnce: Environment.ProcessorCount, PayloadBytes: 1 << 16, Passes: 1), RunRecordBuilder.Inputs(copy));
    }

    [Fact]
    public void EveryParameterTheRulesRead_IsMarked_AndEveryTransportRowNamesItsTransport()
    {
        // The names the suite gives them: N, K, PayloadBytes, Passes, LatencyMs. An unmarked one would leave its rule silent.
        string[] read = ["N", "K", "PayloadBytes", "Passes", "LatencyMs"];
        Type[] classes = [.. typeof(IoAggregation).Assembly.GetTypes().Where(t => !t.IsAbstract && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute), true)))];
        PropertyInfo[] parameters = [.. classes.SelectMany(t => t.GetProperties()).Where(p => read.Contains(p.Name) && (p.IsDefined(typeof(ParamsAttribute), true) || p.IsDefined(typeof(ParamsSourceAttribute), true)))];

        Assert.NotEmpty(parameters);
        Assert.All(parameters, p => Assert.True(p.IsDefined(typeof(InputAttribute)), $"{p.DeclaringType!.Name}.{p.Name} says not what it sets"));
        Assert.All(
            [.. typeof(CopyVersusCompute).GetMethods().Where(m => m.GetCustomAttribute<RoleAttribute>()?.Role == RowRoles.Pool)],
            m => Assert.NotNull(m.GetCustomAttribute<TransportAttribute>()));
        Assert.Equal(
            [Transports.Pipe, Transports.UnixSocket, Transports.SharedMemory],
            Enum.GetNames<global::ConcurrencyBench.Ipc.TransportKind>());
    }

    private static BenchmarkFacts Facts(ClusterFacts? cluster) => new(1, 0, null, null, Cluster: cluster);
}
