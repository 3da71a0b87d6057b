using System.Collections.Concurrent;
using BenchmarkDotNet.Analysers;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// What each benchmark costs beside its time, over the benchmark process and every process below it (pool workers,
/// silos, a process per item; not the HTTP service, which stands for the remote API): CPU time (user and system) per operation, read from <c>/proc</c> when the measured
/// iterations start and when they end, and the sum of the processes' peak resident sets over those iterations (each
/// reset when they start). Reading happens while the benchmark process waits for the host between stages, so it costs
/// the measured iterations nothing. Context switches come from the benchmark process itself (getrusage, asked
/// through <see cref="ContextSwitchProbe"/>) and from the live threads of the processes below it. Without <c>/proc</c>
/// (not Linux) it reports nothing: "not measured".
/// </summary>
/// <remarks>
/// A child that ends inside the measured iterations counts through the parent that waited for it (<c>cutime</c>,
/// <c>cstime</c>), so a process per item is counted whole; its peak memory is not (it is gone when the peaks are read).
/// CPU time is counted in clock ticks of 10 ms per process: the figures are for trials, not for single iterations.
/// </remarks>
internal sealed class ProcessTreeCostDiagnoser : IDiagnoser
{
    /// <summary>The one instance the suite's configuration adds.</summary>
    public static readonly ProcessTreeCostDiagnoser Instance = new();

    private readonly ConcurrentDictionary<BenchmarkCase, Reading> _started = new();
    private readonly ConcurrentDictionary<BenchmarkCase, Cost> _costs = new();

    private ProcessTreeCostDiagnoser()
    {
    }

    /// <inheritdoc/>
    public IEnumerable<string> Ids => ["ProcessTreeCost"];

    /// <inheritdoc/>
    public IEnumerable<IExporter> Exporters => [];

    /// <inheritdoc/>
    public IEnumerable<IAnalyser> Analysers => [];

    /// <inheritdoc/>
    public RunMode GetRunMode(BenchmarkCase benchmarkCase) => OperatingSystem.IsLinux() ? RunMode.NoOverhead : RunMode.None;

    /// <inheritdoc/>
    public bool RequiresBlockingAcknowledgments(BenchmarkCase benchmarkCase) => true;

    /// <inheritdoc/>
    public void Handle(HostSignal signal, DiagnoserActionParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (signal == HostSignal.BeforeActualRun)
        {
            IReadOnlyList<int> tree = TreeOf(parameters);
            bool reset = ProcessTree.ResetPeaks(tree);
            if (ProcessTree.CpuTicks(tree) is (long user, long system))
            {
                _started[parameters.BenchmarkCase] = new Reading(user, system, reset, Switches(parameters, tree));
            }
        }
        else if (signal == HostSignal.AfterActualRun && _started.TryRemove(parameters.BenchmarkCase, out Reading? start))
        {
            IReadOnlyList<int> tree = TreeOf(parameters);
            if (ProcessTree.CpuTicks(tree) is (long user, long system))
            {
                (long Voluntary, long Involuntary)? switches = start.Switches is (long v0, long i0) && Switches(parameters, tree) is (long v1, long i1) && v1 >= v0 && i1 >= i0
                    ? (v1 - v0, i1 - i0)
                    : null;
                _costs[parameters.BenchmarkCase] = new Cost(user - start.UserTicks, system - start.SystemTicks, start.PeaksReset ? ProcessTree.PeakResidentBytes(tree) : null, switches);
            }
        }
    }

    // The tree's context switches: the benchmark process's own answer (every thread's, ended ones included, and its
    // waited-for children's), plus the threads alive now in the processes below it (workers, silos). A process below
    // that ends in between counts through the benchmark process that waited for it (its whole life, less what the
    // earlier reading had of it). Null where the benchmark process cannot answer (the run did not enable the probe, or not Linux).
    private static (long Voluntary, long Involuntary)? Switches(DiagnoserActionParameters parameters, IReadOnlyList<int> tree)
    {
        if (ContextSwitchProbe.Folder is not string folder || ContextSwitchProbe.Ask(folder, tree[0]) is not (long voluntary, long involuntary))
        {
            return null;
        }

        (long liveVoluntary, long liveInvoluntary) = ProcessTree.LiveThreadSwitches(tree.Skip(1));
        return (voluntary + liveVoluntary, involuntary + liveInvoluntary);
    }

    // The benchmark process and everything below it but the HTTP service: the service is the simulated remote API, its
    // CPU the remote's cost, not the strategy's (a reaped child of the service would still count: it has none).
    private static IReadOnlyList<int> TreeOf(DiagnoserActionParameters parameters) =>
        ProcessTree.Of(parameters.Process.Id, pid => ProcessTree.CommandLineNames(pid, ServiceProcess.AssemblyFileName));

    /// <inheritdoc/>
    public IEnumerable<Metric> ProcessResults(DiagnoserResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        // A process of the tree that another parent waited for (one moved to init when its parent ended) takes its
        // CPU time out of the tree: a reading that went down is no reading.
        // The operations of the measured (workload, actual) iterations: the readings bracket those alone.
        // DiagnoserResults.TotalOperations counts every workload stage (jitting, pilot, warmup, actual, result).
        long operations = ActualOperations(results.Measurements);
        if (!_costs.TryRemove(results.BenchmarkCase, out Cost? cost) || operations <= 0 || cost.UserTicks < 0 || cost.SystemTicks < 0)
        {
            yield break;
        }

        double nsPerTick = 1e9 / ProcessTree.TicksPerSecond;
        yield return new Metric(CostMetric.CpuUser, cost.UserTicks * nsPerTick / operations);
        yield return new Metric(CostMetric.CpuSystem, cost.SystemTicks * nsPerTick / operations);
        yield return new Metric(CostMetric.CpuTicks, cost.UserTicks + cost.SystemTicks);
        if (cost.Switches is (long voluntary, long involuntary))
        {
            yield return new Metric(CostMetric.VoluntarySwitches, (double)voluntary / operations);
            yield return new Metric(CostMetric.InvoluntarySwitches, (double)involuntary / operations);
        }

        if (cost.PeakResidentBytes is long peak)
        {
            yield return new Metric(CostMetric.PeakMemory, peak);
        }
    }

    /// <summary>The operations of the measured iterations: workload iterations of the actual stage.</summary>
    /// <param name="measurements">A launch's measurements.</param>
    internal static long ActualOperations(IEnumerable<Measurement> measurements) =>
        measurements.Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual).Sum(m => m.Operations);

    /// <inheritdoc/>
    public void DisplayResults(ILogger logger)
    {
    }

    /// <inheritdoc/>
    public IEnumerable<ValidationError> Validate(ValidationParameters validationParameters) => [];

    private sealed record Reading(long UserTicks, long SystemTicks, bool PeaksReset, (long Voluntary, long Involuntary)? Switches);

    private sealed record Cost(long UserTicks, long SystemTicks, long? PeakResidentBytes, (long Voluntary, long Involuntary)? Switches);
}

/// <summary>The figures <see cref="ProcessTreeCostDiagnoser"/> reports; their ids are what run.json is built from.</summary>
internal sealed class CostMetric : IMetricDescriptor
{
    /// <summary>User CPU time per operation over the process tree, in nanoseconds.</summary>
    public static readonly CostMetric CpuUser = new("TreeCpuUserPerOp", "CPU user/op", "User CPU time per operation over the benchmark process and every process below it", UnitType.Time, "ns");

    /// <summary>System CPU time per operation over the process tree, in nanoseconds.</summary>
    public static readonly CostMetric CpuSystem = new("TreeCpuSystemPerOp", "CPU system/op", "System CPU time per operation over the benchmark process and every process below it", UnitType.Time, "ns");

    /// <summary>The clock ticks of CPU time the tree spent over all the measured iterations: what the figures rest on.</summary>
    public static readonly CostMetric CpuTicks = new("TreeCpuTicks", "CPU ticks", "Clock ticks (10 ms) of CPU time the process tree spent over the measured iterations", UnitType.Dimensionless, "");

    /// <summary>Voluntary context switches per operation over the process tree (a thread that waited).</summary>
    public static readonly CostMetric VoluntarySwitches = new("TreeVoluntarySwitchesPerOp", "Vol. switches/op", "Voluntary context switches per operation over the benchmark process (every thread, ended ones included) and the processes below it", UnitType.Dimensionless, "");

    /// <summary>Involuntary context switches per operation over the process tree (a thread preempted).</summary>
    public static readonly CostMetric InvoluntarySwitches = new("TreeInvoluntarySwitchesPerOp", "Invol. switches/op", "Involuntary context switches per operation over the benchmark process (every thread, ended ones included) and the processes below it", UnitType.Dimensionless, "");

    /// <summary>The sum of the tree's processes' peak resident sets over the measured iterations, in bytes.</summary>
    public static readonly CostMetric PeakMemory = new("TreePeakResident", "Peak RSS (tree)", "The sum of the peak resident sets of the benchmark process and every process below it, over the measured iterations", UnitType.Size, "B");

    private CostMetric(string id, string displayName, string legend, UnitType unitType, string unit)
    {
        Id = id;
        DisplayName = displayName;
        Legend = legend;
        UnitType = unitType;
        Unit = unit;
    }

    /// <inheritdoc/>
    public string Id { get; }

    /// <inheritdoc/>
    public string DisplayName { get; }

    /// <inheritdoc/>
    public string Legend { get; }

    /// <inheritdoc/>
    public string NumberFormat => "0.##";

    /// <inheritdoc/>
    public UnitType UnitType { get; }

    /// <inheritdoc/>
    public string Unit { get; }

    /// <inheritdoc/>
    public bool TheGreaterTheBetter => false;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool GetIsAvailable(Metric metric) => true;
}
