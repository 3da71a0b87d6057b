using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Cluster;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// CPU-bound: trial-division prime checks of the 20 classic numbers (up to 5 * 10^7 divisions each).
/// Only as many items as there are cores can compute at once.
/// </summary>
[Question("Computing work: 20 trial-division prime checks; which model uses the cores?", QuestionKind.StrategyComparison, Order = 2)]
[IdealTime(IdealTimeModel.WorkOverCores, ItemCosts = nameof(ItemCosts), CostUnit = "trial divisions")]
[BenchmarkCategory(Categories.CpuBound)]
[QuickProfileCut(nameof(ParallelForEachAsync_LargestFirst), nameof(K), LargestFirstElsewhere)]
[QuickProfileCut(nameof(Plinq_LargestFirst), nameof(K), LargestFirstElsewhere)]
[QuickProfileCut(nameof(ParallelForEach_LargestFirst), nameof(K), LargestFirstElsewhere)]
[QuickProfileCut(nameof(ProcessPool_LargestFirst), nameof(K), LargestFirstElsewhere)]
[QuickProfileCut(nameof(Cluster_1Silo), nameof(K), "one silo computing with K grain activations: Cluster_2Silos shows the cluster computing, and ProcessStartup's RoundTrip_ClusterGrain what a grain call costs")]
[QuickProfileCut(nameof(ClusterOneWorkerPerSilo_1Silo), nameof(K), "one stateless worker on one silo runs the items one at a time, so it measures what the grain calls cost beside Sequential: ProcessStartup's RoundTrip_ClusterGrain measures a grain call directly, in a fraction of the time")]
[QuickProfileCut(nameof(ClusterOneWorkerPerSilo_2Silos), nameof(K), "one stateless worker on each of two silos: on two cores Cluster_2Silos runs the same two items at once")]
[QuickProfileCut(nameof(ParallelForEachAsync), nameof(K), "an async loop over computing items hands them to the pool's threads at most K at once, as ParallelForEach does: ParallelForEach shows it here, and the full profile measures both")]
[QuickProfileCut(nameof(ProcessPool_Pipelined), nameof(K), "two items in flight per worker were not faster than ProcessPool in any committed run (1.55-1.59 against 1.58-1.70 in the quick runs of results/reference/amd-epyc-2core-linux-quick-cpython-trials/ and -quick-cost/); the full profile measures it")]
[QuickProfileCut(nameof(ProcessPerItem), nameof(K), "a worker process started per item: IoAggregation at N=5 and ProcessStartup show what a start costs, and ProcessPool shows worker processes computing; each call here takes a second or more")]
public class PrimeChecks : StrategyComparison<bool>
{
    private const string LargestFirstElsewhere = "FixedThreads_LargestFirst shows what the order gains; the full profile adds the order to the other strategies that hand out one item at a time";

    // Counting a number's trial divisions takes as long as making them: counted once per process, before any call.
    private static readonly double[] s_itemCosts = [.. PrimeNumbers.Classic.Select(n => (double)TrialDivisions.Count(n))];

    private IConcurrencyStrategy? _fixedThreadsLargestFirst;
    private IConcurrencyStrategy? _parallelForEachLargestFirst;
    private IConcurrencyStrategy? _parallelForEachAsyncLargestFirst;
    private IConcurrencyStrategy? _plinqLargestFirst;

    /// <summary>The worker count of the bounded strategies: the cores of this machine.</summary>
    [ParamsSource(nameof(CoreCounts)), Input(Input.AtOnce)]
    public int K { get; set; }

    /// <summary>Gets the values of <see cref="K"/>.</summary>
    public static IEnumerable<int> CoreCounts => [Environment.ProcessorCount];

    /// <summary>Gets the work of each item: the divisions its trial division makes (the ideal time and the schedule bounds read it).</summary>
    public static IReadOnlyList<double> ItemCosts => s_itemCosts;

    /// <inheritdoc />
    protected override int Workers => K;

    /// <inheritdoc />
    protected override IWorkload<bool> CreateWorkload()
    {
        _fixedThreadsLargestFirst = LargestFirst(ConcurrencyStrategies.FixedThreads(K));
        _parallelForEachLargestFirst = LargestFirst(ConcurrencyStrategies.ParallelForEach(K));
        _parallelForEachAsyncLargestFirst = LargestFirst(ConcurrencyStrategies.ParallelForEachAsync(K));
        _plinqLargestFirst = LargestFirst(ConcurrencyStrategies.Plinq(K));
        return new PrimeCheckWorkload(PrimeNumbers.Classic);
    }

    /// <summary>K threads on a queue, the items largest first.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Blocking), LargestFirst(nameof(FixedThreads)), Role(RowRoles.FixedThreads)]
    public Task<bool[]> FixedThreads_LargestFirst() => Measure(_fixedThreadsLargestFirst!);

    /// <summary>Parallel.ForEach, one item at a time, the items largest first.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.BlockingPool), LargestFirst(nameof(ParallelForEach))]
    public Task<bool[]> ParallelForEach_LargestFirst() => Measure(_parallelForEachLargestFirst!);

    /// <summary>Parallel.ForEachAsync, the items largest first.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Async), LargestFirst(nameof(ParallelForEachAsync))]
    public Task<bool[]> ParallelForEachAsync_LargestFirst() => Measure(_parallelForEachAsyncLargestFirst!);

    /// <summary>PLINQ, one item at a time, the items largest first.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.BlockingPool), LargestFirst(nameof(Plinq))]
    public Task<bool[]> Plinq_LargestFirst() => Measure(_plinqLargestFirst!);

    /// <summary>Starts the pool for <see cref="ProcessPool_LargestFirst"/>, as for ProcessPool (set-up, not measured).</summary>
    [GlobalSetup(Target = nameof(ProcessPool_LargestFirst))]
    public void StartPoolForLargestFirst() => CreateWorkloadAndStartPool();

    /// <summary>Ends the pool of <see cref="ProcessPool_LargestFirst"/>, then reports.</summary>
    [GlobalCleanup(Target = nameof(ProcessPool_LargestFirst))]
    public void StopPoolForLargestFirst() => StopPoolAndReportFacts();

    /// <summary>The pool of K worker processes, the items largest first.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Process), LargestFirst(nameof(ProcessPool)), Role(RowRoles.Pool)]
    public Task<bool[]> ProcessPool_LargestFirst() => Measure(LargestFirst(PoolStrategy));

    /// <summary>Starts the pool for <see cref="ProcessPool_Pipelined"/>: K workers, two items in flight on each (set-up, not measured).</summary>
    [GlobalSetup(Target = nameof(ProcessPool_Pipelined))]
    public void StartPipelinedPool() => CreateWorkloadAndStartPipelinedPool();

    /// <summary>Ends the pool of <see cref="ProcessPool_Pipelined"/>, then reports.</summary>
    [GlobalCleanup(Target = nameof(ProcessPool_Pipelined))]
    public void StopPipelinedPool() => StopPoolAndReportFacts();

    /// <summary>
    /// The pool of K worker processes with two items in flight on each (<see cref="StrategyComparison{TResult}.PipelinedInFlightPerWorker"/>):
    /// a worker's next item already waits in its pipe when it finishes one, so it never idles for the parent's turnaround.
    /// </summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Process), Role(RowRoles.PipelinedPool), ItemOverhead(PoolRoundTripMicroseconds, "round trips to a pool worker")]
    public Task<bool[]> ProcessPool_Pipelined() => Measure(PoolStrategy);

    /// <summary>Starts one silo for <see cref="Cluster_1Silo"/> (set-up, not measured).</summary>
    [GlobalSetup(Target = nameof(Cluster_1Silo))]
    public void StartOneSilo() => CreateWorkloadAndStartCluster(1, ClusterPlacement.DistinctKeys);

    /// <summary>Starts two silos for <see cref="Cluster_2Silos"/> (set-up, not measured).</summary>
    [GlobalSetup(Target = nameof(Cluster_2Silos))]
    public void StartTwoSilos() => CreateWorkloadAndStartCluster(2, ClusterPlacement.DistinctKeys);

    /// <summary>Starts one silo for <see cref="ClusterOneWorkerPerSilo_1Silo"/> (set-up, not measured).</summary>
    [GlobalSetup(Target = nameof(ClusterOneWorkerPerSilo_1Silo))]
    public void StartOneSiloOneWorker() => CreateWorkloadAndStartCluster(1, ClusterPlacement.OneWorkerPerSilo);

    /// <summary>Starts two silos for <see cref="ClusterOneWorkerPerSilo_2Silos"/> (set-up, not measured).</summary>
    [GlobalSetup(Target = nameof(ClusterOneWorkerPerSilo_2Silos))]
    public void StartTwoSilosOneWorker() => CreateWorkloadAndStartCluster(2, ClusterPlacement.OneWorkerPerSilo);

    /// <summary>Ends the cluster's client and silos, then reports.</summary>
    [GlobalCleanup(Targets = [nameof(Cluster_1Silo), nameof(Cluster_2Silos), nameof(ClusterOneWorkerPerSilo_1Silo), nameof(ClusterOneWorkerPerSilo_2Silos)])]
    public void StopCluster() => StopClusterAndReportFacts();

    /// <summary>An Orleans cluster of one silo process: K grains, each pulling items, all on that silo.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Cluster), Role(RowRoles.Cluster)]
    public Task<bool[]> Cluster_1Silo() => Measure(ClusterStrategy);

    /// <summary>An Orleans cluster of two silo processes: K grains, each pulling items, spread evenly over the silos.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Cluster), Role(RowRoles.Cluster)]
    public Task<bool[]> Cluster_2Silos() => Measure(ClusterStrategy);

    /// <summary>One stateless worker grain ([StatelessWorker(1)]) on one silo: one item at a time, so what it loses
    /// to Sequential is what the grain calls cost.</summary>
    [Benchmark, Workers(1), Waits(WaitKind.Cluster), Role(RowRoles.Cluster)]
    public Task<bool[]> ClusterOneWorkerPerSilo_1Silo() => Measure(ClusterStrategy);

    /// <summary>One stateless worker grain on each of two silos: two items at once, the cluster's parallelism.</summary>
    [Benchmark, Workers(2), Waits(WaitKind.Cluster), Role(RowRoles.Cluster)]
    public Task<bool[]> ClusterOneWorkerPerSilo_2Silos() => Measure(ClusterStrategy);

    // The order of the classic numbers by their trial divisions, counted independently of the workload.
    private static IConcurrencyStrategy LargestFirst(IConcurrencyStrategy strategy) =>
        ConcurrencyStrategies.LargestFirst(strategy, i => s_itemCosts[i]);

    /// <inheritdoc />
    protected override IReadOnlyList<bool> ExpectedResults(IWorkload<bool> workload) =>
        [.. PrimeNumbers.Classic.Select(n => KnownPrimality.IsPrime(n))];
}
