using System.Globalization;
using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Cluster;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// I/O-bound: a dashboard aggregates N slow, independent API calls of LatencyMs each.
/// Sequential code spends N latencies waiting; concurrent code can wait for all of them at once.
/// </summary>
[Question("Waiting work: N slow API calls of 50 ms; which model waits for them best?", QuestionKind.StrategyComparison, Order = 1)]
[IdealTime(IdealTimeModel.Latency)]
[BenchmarkCategory(Categories.IoBound)]
[QuickProfileCut(nameof(ProcessPerItem), nameof(N), "a worker process started per call: N=5 already shows what a start costs, and at N=100 one call takes about 1.3 s", From = 100, To = 100)]
[QuickProfileCut(nameof(ProcessPerItem), nameof(N), "a worker process started per call: one call takes about 12 s at N=1000, a large share of any run, and N=100 (the full profile) and N=5 measure the same cost per start", From = 1000, InFullProfileToo = true)]
[QuickProfileCut(nameof(FixedThreads), nameof(N), CutAtNThousand, From = 1000)]
[QuickProfileCut(nameof(ParallelForEach), nameof(N), CutAtNThousand, From = 1000)]
[QuickProfileCut(nameof(Plinq), nameof(N), CutAtNThousand, From = 1000)]
[QuickProfileCut(nameof(ProcessPool), nameof(N), CutAtNThousand, From = 1000)]
[QuickProfileCut(nameof(ThreadPerItem), nameof(N), TenThousandThreads, From = 10000)]
[QuickProfileCut(nameof(TaskRunPerItem), nameof(N), "a pool thread held per waiting call: at N=100 it already takes about two latencies while the pool adds threads, and ThreadPoolStarvation measures that injection itself; the full profile measures N=1000", From = 1000, To = 1000)]
[QuickProfileCut(nameof(TaskRunPerItem), nameof(N), TenThousandThreads, From = 10000)]
[QuickProfileCut(nameof(FixedThreads), nameof(N), BoundByKAtTenThousand, From = 10000, InFullProfileToo = true)]
[QuickProfileCut(nameof(ParallelForEach), nameof(N), BoundByKAtTenThousand, From = 10000, InFullProfileToo = true)]
[QuickProfileCut(nameof(ParallelForEachAsync), nameof(N), BoundByKAtTenThousand, From = 10000, InFullProfileToo = true)]
[QuickProfileCut(nameof(Plinq), nameof(N), BoundByKAtTenThousand, From = 10000, InFullProfileToo = true)]
[QuickProfileCut(nameof(ProcessPool), nameof(N), BoundByKAtTenThousand, From = 10000, InFullProfileToo = true)]
[QuickProfileCut(nameof(Cluster_2Silos), nameof(N), "starting two silos is most of this row's launch: N=100 shows the cluster waiting, at a cost per call N=5 adds nothing to", To = 5)]
[QuickProfileCut(nameof(Cluster_2Silos), nameof(N), CutAtNThousand, From = 1000)]
[QuickProfileCut(nameof(Cluster_1Silo), nameof(N), "one silo with K grain activations: Cluster_2Silos shows the cluster waiting", To = 1000)]
[QuickProfileCut(nameof(Cluster_1Silo), nameof(N), BoundByKAtTenThousand, From = 10000, InFullProfileToo = true)]
[QuickProfileCut(nameof(Cluster_2Silos), nameof(N), BoundByKAtTenThousand, From = 10000, InFullProfileToo = true)]
[QuickProfileCut(nameof(TimersAlone), nameof(N), "up to N=100 the timers add under a millisecond to the latency; N=1000 and 10,000 show what they cost", To = 100)]
public class IoAggregation : StrategyComparison<string>
{
    private const string TenThousandThreads = "ten thousand threads (or pool threads) a call: several seconds each; N=1000 shows the trend, the full profile measures it";
    private const string BoundByKAtTenThousand = "bounded by K: ceil(N/K) = 157 latencies, about 8 s a call, which N=1000 already shows";
    private const string CutAtNThousand = "bounded by K like at N=100, where it already takes ceil(N/K) latencies; ParallelForEachAsync stands for the K-bounded strategies at N=1000";

    /// <summary>The number of API calls.</summary>
    [Params(5, 100, 1000, 10000), Input(Input.Items)]
    public int N { get; set; }

    /// <summary>The simulated latency of one call, in milliseconds.</summary>
    [Params(50), Input(Input.LatencyMilliseconds)]
    public int LatencyMs { get; set; }

    /// <summary>
    /// The worker count of the bounded strategies. Waiting work needs far more workers than cores:
    /// K bounds how many calls wait at once.
    /// </summary>
    [Params(64), Input(Input.AtOnce)]
    public int K { get; set; }

    /// <inheritdoc />
    protected override int Workers => K;

    /// <inheritdoc />
    protected override IWorkload<string> CreateWorkload()
    {
        // Blocking strategies (Task.Run, Parallel.ForEach, PLINQ) hold a pool thread per waiting call. The pool starts
        // with one thread per core and adds about one or two a second after that, so it is given K threads up front,
        // as a service that blocks on I/O would configure it: K, not the pool's growth, bounds those strategies.
        // Beyond K (TaskRunPerItem at N > K) the growth shows, and the report shows what it costs.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, K), io);
        return new ApiAggregationWorkload(N, TimeSpan.FromMilliseconds(LatencyMs));
    }

    /// <summary>
    /// The floor under the asynchronous rows: each call's own timer (Task.Delay of LatencyMs) and its answer, N of them
    /// started at once and awaited with Task.WhenAll, with no strategy around them (no scope, no cancellation token, no
    /// workload call): what arming and firing N timers costs by itself. The ideal, one latency, leaves this cost out.
    /// </summary>
    [Benchmark, Floor]
    public async Task<string[]> TimersAlone()
    {
        var answers = new string[N];
        var calls = new Task[N];
        TimeSpan latency = TimeSpan.FromMilliseconds(LatencyMs);
        for (int i = 0; i < calls.Length; i++)
        {
            calls[i] = WaitThenAnswer(answers, i, latency);
        }

        await Task.WhenAll(calls).ConfigureAwait(false);
        return Checked(answers);
    }

    /// <summary>Starts one silo for <see cref="Cluster_1Silo"/> (set-up, not measured).</summary>
    [GlobalSetup(Target = nameof(Cluster_1Silo))]
    public void StartOneSilo() => CreateWorkloadAndStartCluster(1, ClusterPlacement.DistinctKeys);

    /// <summary>Starts two silos for <see cref="Cluster_2Silos"/> (set-up, not measured).</summary>
    [GlobalSetup(Target = nameof(Cluster_2Silos))]
    public void StartTwoSilos() => CreateWorkloadAndStartCluster(2, ClusterPlacement.DistinctKeys);

    /// <summary>Ends the cluster's client and silos, then reports.</summary>
    [GlobalCleanup(Targets = [nameof(Cluster_1Silo), nameof(Cluster_2Silos)])]
    public void StopCluster() => StopClusterAndReportFacts();

    /// <summary>An Orleans cluster of one silo process: K grains, each pulling calls, blocking a silo thread while one waits.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Cluster), Role(RowRoles.Cluster)]
    public Task<string[]> Cluster_1Silo() => Measure(ClusterStrategy);

    /// <summary>An Orleans cluster of two silo processes: K grains spread evenly over them.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Cluster), Role(RowRoles.Cluster)]
    public Task<string[]> Cluster_2Silos() => Measure(ClusterStrategy);

    // One call of the floor: its timer, then its answer, written by the continuation (a call that never ran leaves a null).
    private static async Task WaitThenAnswer(string[] answers, int index, TimeSpan latency)
    {
        await Task.Delay(latency).ConfigureAwait(false);
        answers[index] = ApiAggregationWorkload.ExpectedResult(index);
    }

    /// <inheritdoc />
    /// <remarks>The dashboard's API answers "data-" and the call's number; written out here rather than asked of the workload.</remarks>
    protected override IReadOnlyList<string> ExpectedResults(IWorkload<string> workload) =>
        [.. Enumerable.Range(0, N).Select(i => string.Concat("data-", i.ToString(CultureInfo.InvariantCulture)))];
}
