using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// The benchmark body every workload shares: one method per strategy, Sequential the baseline.
/// Derived classes only say which workload, which parameters and which answers are right.
/// Every call's answers are checked against the right ones (a few microseconds against calls of milliseconds).
/// </summary>
/// <typeparam name="TResult">The result of one item.</typeparam>
public abstract class StrategyComparison<TResult>
{
    private IWorkload<TResult> _workload = null!;
    private IReadOnlyList<TResult> _expected = [];
    private IConcurrencyStrategy _fixedThreads = null!;
    private IConcurrencyStrategy _parallelForEach = null!;
    private IConcurrencyStrategy _parallelForEachAsync = null!;
    private IConcurrencyStrategy _plinq = null!;
    private ProcessPerItem _processPerItem = null!;
    private ProcessPool? _processPool;
    private AnswerCheck? _check;
    private ThreadCensus? _census;
    private ClusterRows? _cluster;
    private ClusterFacts? _clusterFacts;

    /// <summary>Gets K: the worker count of the strategies that take one.</summary>
    protected abstract int Workers { get; }

    /// <summary>Creates the workload from the current parameters.</summary>
    protected abstract IWorkload<TResult> CreateWorkload();

    /// <summary>The right answers for <paramref name="workload"/>, computed independently of the workload and every strategy.</summary>
    /// <param name="workload">The workload.</param>
    protected abstract IReadOnlyList<TResult> ExpectedResults(IWorkload<TResult> workload);

    /// <summary>Creates the workload, its right answers and the strategies, and starts the thread census (not measured).</summary>
    [GlobalSetup]
    public void CreateWorkloadAndStrategies()
    {
        _workload = CreateWorkload();
        _expected = ExpectedResults(_workload);
        _fixedThreads = ConcurrencyStrategies.FixedThreads(Workers);
        _parallelForEach = ConcurrencyStrategies.ParallelForEach(Workers);
        _parallelForEachAsync = ConcurrencyStrategies.ParallelForEachAsync(Workers);
        _plinq = ConcurrencyStrategies.Plinq(Workers);
        _processPerItem = new ProcessPerItem(ProcessOptions);
        _census = ThreadCensus.Start();
    }

    /// <summary>Also starts the pool's K workers: starting the pool is setup, not part of the measured call.</summary>
    [GlobalSetup(Target = nameof(ProcessPool))]
    public void CreateWorkloadAndStartPool()
    {
        CreateWorkloadAndStrategies();
        _processPool = Processes.ProcessPool.StartAsync(ProcessOptions).GetAwaiter().GetResult();
    }

    /// <summary>
    /// For a pipelined pool row: creates the workload and strategies, then starts the pool's K workers with
    /// <see cref="PipelinedInFlightPerWorker"/> items in flight on each. Starting the pool is setup, not part of the
    /// measured call; <see cref="StopPoolAndReportFacts"/> ends it.
    /// </summary>
    protected void CreateWorkloadAndStartPipelinedPool() =>
        CreateWorkloadAndStartPoolWith(new ProcessStrategyOptions { Workers = Workers, InFlightPerWorker = PipelinedInFlightPerWorker });

    /// <summary>
    /// For a pool row of its own settings (chunks, say): creates the workload and strategies, then starts the pool's
    /// workers with <paramref name="options"/>. Starting the pool is setup, not part of the measured call;
    /// <see cref="StopPoolAndReportFacts"/> ends it.
    /// </summary>
    /// <param name="options">The pool's settings.</param>
    protected void CreateWorkloadAndStartPoolWith(ProcessStrategyOptions options)
    {
        CreateWorkloadAndStrategies();
        _processPool = Processes.ProcessPool.StartAsync(options).GetAwaiter().GetResult();
    }

    /// <summary>Reports what was checked and the thread census to the runner, then releases what the workload held.</summary>
    [GlobalCleanup]
    public void ReportFacts()
    {
        _census?.Dispose();
        try
        {
            if (_check is not null)
            {
                BenchmarkFacts.Report(_check, _census, _clusterFacts);
            }
        }
        finally
        {
            ReleaseWorkload();
        }
    }

    /// <summary>Releases what <see cref="CreateWorkload"/> acquired (a service, files); nothing by default.</summary>
    protected virtual void ReleaseWorkload()
    {
    }

    /// <summary>Ends the pool's workers, then reports.</summary>
    [GlobalCleanup(Target = nameof(ProcessPool))]
    public void StopPoolAndReportFacts()
    {
        _processPool?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        ReportFacts();
    }

    /// <summary>
    /// For a cluster row: creates the workload and strategies, then starts an Orleans cluster of
    /// <paramref name="silos"/> silo processes (or connects to the one <c>--cluster-gateways</c> names) with K worker
    /// slots in all, or one stateless worker per silo. Starting the cluster is setup, not part of the measured call.
    /// </summary>
    /// <param name="silos">The silos to start.</param>
    /// <param name="placement">How the items are spread over the silos.</param>
    /// <param name="chunkSize">The consecutive items each grain call carries; 1, a call per item, by default.</param>
    protected void CreateWorkloadAndStartCluster(int silos, Cluster.ClusterPlacement placement, int chunkSize = 1)
    {
        CreateWorkloadAndStrategies();
        _cluster = ClusterRows.Start(silos, placement, Workers, chunkSize: chunkSize);
    }

    /// <summary>Ends the cluster's client and silos, then reports, with the cluster's time to ready and items per silo.</summary>
    protected void StopClusterAndReportFacts()
    {
        try
        {
            _clusterFacts = _cluster?.Stop();
        }
        finally
        {
            ReportFacts();
        }
    }

    /// <summary>Gets the strategy of the cluster that <see cref="CreateWorkloadAndStartCluster"/> started.</summary>
    protected IConcurrencyStrategy ClusterStrategy => _cluster?.Strategy ?? throw new InvalidOperationException("the cluster was not started: the row needs a global set-up that calls CreateWorkloadAndStartCluster.");

    /// <summary>Gets the pool that <see cref="CreateWorkloadAndStartPool"/> started, for a derived class's own pool rows.</summary>
    protected IConcurrencyStrategy PoolStrategy => _processPool ?? throw new InvalidOperationException("the pool was not started: the row needs a global set-up that calls CreateWorkloadAndStartPool.");

    // The least each item costs these strategies beyond its work, from the suite's own rows on the 2-core reference
    // machine, rounded down: ProcessStartup's StartHandshakeExit_AotWorker (7.7 ms) and RoundTrip_PoolWorker (54 µs),
    // and IoAggregation's ThreadPerItem at N=1000 (about 0.3 ms a thread). The case filter reads them (ItemOverhead).
    private const double ProcessStartMicroseconds = 5000;
    /// <summary>The least a round trip to a pool worker costs an item, in microseconds (see the comment above).</summary>
    protected const double PoolRoundTripMicroseconds = 50;

    /// <summary>
    /// The items a pipelined pool row keeps in flight on each worker: two, the fewest that hide the parent's
    /// turnaround. With one, a worker that finishes an item idles while the parent wakes, reads the answer, settles it
    /// and writes the next request; with two, that next request is already in its pipe and it goes straight on, the
    /// turnaround overlapping the item it computes. A third would only wait behind (the worker computes one item at a
    /// time), unless the turnaround is longer than an item; and each item waiting behind a busy worker is one an idle
    /// worker cannot take at the end of a call, so more would cost balance for nothing.
    /// </summary>
    protected const int PipelinedInFlightPerWorker = 2;
    private const double ThreadStartMicroseconds = 100;

    private ProcessStrategyOptions ProcessOptions => new() { Workers = Workers };

    /// <summary>Every item in turn on one thread, blocking while it waits.</summary>
    [Benchmark(Baseline = true), Workers(WorkerBound.One), Waits(WaitKind.Blocking)]
    public Task<TResult[]> Sequential() => Measure(ConcurrencyStrategies.Sequential);

    /// <summary>A dedicated thread per item.</summary>
    [Benchmark, Workers(WorkerBound.PerItem), Waits(WaitKind.Blocking), ItemOverhead(ThreadStartMicroseconds, "thread starts")]
    public Task<TResult[]> ThreadPerItem() => Measure(ConcurrencyStrategies.ThreadPerItem);

    /// <summary>K dedicated threads pulling items from a queue.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Blocking), Role(RowRoles.FixedThreads)]
    public Task<TResult[]> FixedThreads() => Measure(_fixedThreads);

    /// <summary>Task.WhenAll over the asynchronous form of every item.</summary>
    [Benchmark, Workers(WorkerBound.PerItem), Waits(WaitKind.Async)]
    public Task<TResult[]> TaskWhenAll() => Measure(ConcurrencyStrategies.TaskWhenAll);

    /// <summary>Task.Run per item over the blocking form.</summary>
    [Benchmark, Workers(WorkerBound.PerItem), Waits(WaitKind.BlockingPool)]
    public Task<TResult[]> TaskRunPerItem() => Measure(ConcurrencyStrategies.TaskRunPerItem);

    /// <summary>Parallel.ForEach, at most K at once.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.BlockingPool)]
    public Task<TResult[]> ParallelForEach() => Measure(_parallelForEach);

    /// <summary>Parallel.ForEachAsync over the asynchronous form, at most K at once.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Async)]
    public Task<TResult[]> ParallelForEachAsync() => Measure(_parallelForEachAsync);

    /// <summary>PLINQ, ordered, at most K at once.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.BlockingPool)]
    public Task<TResult[]> Plinq() => Measure(_plinq);

    /// <summary>A new worker process per item, at most K at once.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Process), Role(RowRoles.ProcessPerItem), ItemOverhead(ProcessStartMicroseconds, "worker process starts")]
    public Task<TResult[]> ProcessPerItem() => Measure(_processPerItem);

    /// <summary>K persistent worker processes, started before the measurement.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Process), Role(RowRoles.Pool), ItemOverhead(PoolRoundTripMicroseconds, "round trips to a pool worker")]
    public Task<TResult[]> ProcessPool() => Measure(_processPool!);

    /// <summary>Runs the workload under <paramref name="strategy"/> and checks every answer of the call.</summary>
    /// <param name="strategy">The strategy.</param>
    /// <param name="benchmark">The benchmark's name, for the check's message.</param>
    protected async Task<TResult[]> Measure(IConcurrencyStrategy strategy, [System.Runtime.CompilerServices.CallerMemberName] string benchmark = "")
    {
        TResult[] results = await StrategyOverrides.Apply(benchmark, strategy).RunAsync(_workload).ConfigureAwait(false);
        return Checked(results, benchmark);
    }

    /// <summary>Checks every answer of a call that did not go through a strategy (a floor row), and counts the check.</summary>
    /// <param name="results">The call's answers.</param>
    /// <param name="benchmark">The benchmark method.</param>
    protected TResult[] Checked(TResult[] results, [System.Runtime.CompilerServices.CallerMemberName] string benchmark = "")
    {
        (_check ??= new AnswerCheck(BenchmarkFacts.NameOf(this, benchmark))).CallItems(_expected, results);
        return results;
    }
}
