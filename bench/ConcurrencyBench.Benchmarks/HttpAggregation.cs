using System.Globalization;
using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// I/O-bound work over real sockets: the dashboard's N calls go to a Kestrel service on 127.0.0.1 (a child process),
/// which waits LatencyMs before each answer. One shared HttpClient on a SocketsHttpHandler (no proxy, no limit of
/// connections, connections opened in set-up); blocking strategies call Send, asynchronous ones SendAsync, all over
/// HTTP/1.1, so N calls in flight hold N connections.
/// </summary>
[Question("Waiting work over HTTP: N calls to a loopback Kestrel service that answers after 50 ms", QuestionKind.StrategyComparison, Order = 8,
    Note = "Every call is a real HTTP/1.1 request over a loopback socket to a Kestrel service in a child process (SendAsync for TaskWhenAll and ParallelForEachAsync, blocking Send for every other row); the service waits 50 ms without holding a thread, then answers \"data-{i}\". Client and service share this machine's cores, so at large N the requests' own processing at both ends counts in the time.")]
[IdealTime(IdealTimeModel.Latency)]
[BenchmarkCategory(Categories.IoBound)]
[DescriptorsPerItem(1)]
[QuickProfileCut(nameof(ProcessPerItem), nameof(N), NoWorkerHttp, InFullProfileToo = true)]
[QuickProfileCut(nameof(ProcessPool), nameof(N), NoWorkerHttp, InFullProfileToo = true)]
[QuickProfileCut(nameof(ThreadPerItem), nameof(N), Many, From = 1000)]
[QuickProfileCut(nameof(TaskRunPerItem), nameof(N), Many, From = 1000)]
[QuickProfileCut(nameof(FixedThreads), nameof(N), BoundByK, From = 100)]
[QuickProfileCut(nameof(ParallelForEach), nameof(N), BoundByK, From = 100)]
[QuickProfileCut(nameof(Plinq), nameof(N), BoundByK, From = 100)]
[QuickProfileCut(nameof(ParallelForEachAsync), nameof(N), "bounded by K like at N=100, where it already takes ceil(N/K) latencies; IoAggregation's ParallelForEachAsync at N=1000 shows the bound at this N", From = 1000, To = 1000)]
[QuickProfileCut(nameof(TaskWhenAll), nameof(N), "10,000 HTTP requests a call take about 2 s: N=1000 shows the HTTP stack at scale, and IoAggregation's TaskWhenAll at N=10000 the timers", From = 10000)]
[QuickProfileCut(nameof(FixedThreads), nameof(N), BoundByKAtTenThousand, From = 10000, InFullProfileToo = true)]
[QuickProfileCut(nameof(ParallelForEach), nameof(N), BoundByKAtTenThousand, From = 10000, InFullProfileToo = true)]
[QuickProfileCut(nameof(ParallelForEachAsync), nameof(N), BoundByKAtTenThousand, From = 10000, InFullProfileToo = true)]
[QuickProfileCut(nameof(Plinq), nameof(N), BoundByKAtTenThousand, From = 10000, InFullProfileToo = true)]
public class HttpAggregation : StrategyComparison<string>
{
    private const string NoWorkerHttp = "a worker process runs registered workloads only, and none makes HTTP calls; IoAggregation's process rows measure the processes";
    private const string Many = "a thread per call or a pool thread per call at N=1000 and more: IoAggregation shows the cost of a thousand threads (ThreadPerItem at N=1000) and of a pool thread per call (TaskRunPerItem at N=100); here the full profile measures it";
    private const string BoundByK = "bounded by K=64 from N=100 on (ceil(N/K) latencies a call), as ParallelForEachAsync shows; at N=5 every strategy is measured";
    private const string BoundByKAtTenThousand = "bounded by K: ceil(N/K) = 157 latencies, about 8 s a call, which N=1000 already shows";

    /// <summary>The number of calls.</summary>
    [Params(5, 100, 1000, 10000), Input(Input.Items)]
    public int N { get; set; }

    /// <summary>The latency the service waits before each answer, in milliseconds.</summary>
    [Params(50), Input(Input.LatencyMilliseconds)]
    public int LatencyMs { get; set; }

    /// <summary>The worker count of the bounded strategies.</summary>
    [Params(64), Input(Input.AtOnce)]
    public int K { get; set; }

    /// <inheritdoc />
    protected override int Workers => K;

    /// <inheritdoc />
    protected override IWorkload<string> CreateWorkload()
    {
        // As in IoAggregation: K pool threads up front, so that K, not the pool's growth, bounds the blocking strategies.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, K), io);
        var workload = new HttpAggregationWorkload(LoopbackApi.Client, LoopbackApi.Service.Address, N, TimeSpan.FromMilliseconds(LatencyMs));

        // Open the connections before anything is measured: N calls in flight at once, then pooled for reuse.
        string[] warm = [.. Task.WhenAll(Enumerable.Range(0, N).Select(i => workload.ExecuteAsync(i, CancellationToken.None).AsTask())).GetAwaiter().GetResult()];
        AnswerCheck.ThrowIfWrong(nameof(HttpAggregation) + " set-up", ExpectedResults(workload), warm);
        return workload;
    }

    /// <inheritdoc />
    /// <remarks>The service answers "data-" and the call's number; written out here rather than asked of the service.</remarks>
    protected override IReadOnlyList<string> ExpectedResults(IWorkload<string> workload) =>
        [.. Enumerable.Range(0, N).Select(i => string.Concat("data-", i.ToString(CultureInfo.InvariantCulture)))];

    /// <inheritdoc />
    protected override void ReleaseWorkload() => LoopbackApi.Stop();
}
