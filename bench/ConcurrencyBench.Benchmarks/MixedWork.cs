using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// Mixed work: each of N items fetches a 64 KiB response from the loopback service (LatencyMs of waiting) and then
/// hashes it Passes times (about 2 ms of CPU). The pure strategies run both stages in each item; the channel pipeline
/// waits for up to K fetches at once and computes on as many workers as cores, with a bounded channel between them.
/// ComputeOnly is the floor: the hashing alone, on every core, from responses fetched in set-up.
/// </summary>
[Question("Mixed work: N items that each wait for a fetch, then compute; pure strategies or a pipeline?", QuestionKind.StrategyComparison, Order = 11,
    Note = "Each item is an HTTP/1.1 call to the loopback service (LatencyMs, a 64 KiB response), then a checksum of Passes passes over the response. ChannelPipeline: K asynchronous fetchers feed a System.Threading.Channels channel of twice the cores' capacity (the backpressure) that one worker per core computes from. Its ideal is one latency (the first fetch) plus the ComputeOnly floor (all the hashing on every core): the later fetches overlap the compute.")]
[BenchmarkCategory(Categories.IoBound, Categories.CpuBound)]
[QuickProfileCut(nameof(ProcessPerItem), nameof(N), NoWorkerHttp, InFullProfileToo = true)]
[QuickProfileCut(nameof(ProcessPool), nameof(N), NoWorkerHttp, InFullProfileToo = true)]
[QuickProfileCut(nameof(ThreadPerItem), nameof(N), BlockingLikeFixedThreads)]
[QuickProfileCut(nameof(ParallelForEach), nameof(N), BlockingLikeFixedThreads)]
[QuickProfileCut(nameof(Plinq), nameof(N), BlockingLikeFixedThreads)]
public class MixedWork : StrategyComparison<ulong>
{
    private const string NoWorkerHttp = "a worker process runs registered workloads only, and none makes HTTP calls";
    private const string BlockingLikeFixedThreads = "a blocking fetch then a computation on up to K threads, as FixedThreads and TaskRunPerItem measure";

    private IConcurrencyStrategy? _pipeline;
    private byte[][] _responses = [];

    /// <summary>The number of items.</summary>
    [Params(32), Input(Input.Items)]
    public int N { get; set; }

    /// <summary>The latency of each fetch, in milliseconds.</summary>
    [Params(20), Input(Input.LatencyMilliseconds)]
    public int LatencyMs { get; set; }

    /// <summary>The checksum passes over each 64 KiB response: the compute of one item.</summary>
    [Params(48), Input(Input.Passes)]
    public int Passes { get; set; }

    /// <summary>The fetches in flight at once, for the bounded strategies and the pipeline's fetchers.</summary>
    [Params(64), Input(Input.AtOnce)]
    public int K { get; set; }

    /// <summary>The size of each response.</summary>
    public const int ResponseBytes = 64 * 1024;

    /// <inheritdoc />
    protected override int Workers => K;

    /// <summary>The pipeline: K fetchers, a worker per core, a channel of twice the cores.</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Async)]
    public Task<ulong[]> ChannelPipeline() => Measure(_pipeline!);

    /// <summary>The floor: the hashing alone, on every core (Parallel.For), from the responses fetched in set-up.</summary>
    [Benchmark, Floor]
    public ulong[] ComputeOnly()
    {
        var results = new ulong[_responses.Length];
        Parallel.For(0, _responses.Length, i => results[i] = Checksum.Compute(_responses[i], Passes));
        return Checked(results);
    }

    /// <inheritdoc />
    protected override IWorkload<ulong> CreateWorkload()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, K), io);
        _pipeline = ConcurrencyStrategies.ChannelPipeline(fetchers: K);
        var fetch = new HttpAggregationWorkload(LoopbackApi.Client, LoopbackApi.Service.Address, N, TimeSpan.FromMilliseconds(LatencyMs), ResponseBytes);
        var workload = new FetchThenHashWorkload(fetch, Passes);

        // Open the connections and keep the responses for the floor, checked against the bodies written out here.
        _responses = [.. Task.WhenAll(Enumerable.Range(0, N).Select(i => workload.FetchAsync(i, CancellationToken.None).AsTask())).GetAwaiter().GetResult()];
        for (int i = 0; i < N; i++)
        {
            if (!_responses[i].AsSpan().SequenceEqual(ExpectedBody(i)))
            {
                throw new InvalidOperationException($"{nameof(MixedWork)} set-up: response {i} is not the body the service should send.");
            }
        }

        return workload;
    }

    /// <inheritdoc />
    /// <remarks>The bodies written out here ("data-{i}" padded with dots), hashed by the reference checksum.</remarks>
    protected override IReadOnlyList<ulong> ExpectedResults(IWorkload<ulong> workload) =>
        [.. Enumerable.Range(0, N).Select(i => ReferenceChecksum.Passes(ExpectedBody(i), Passes))];

    /// <inheritdoc />
    protected override void ReleaseWorkload() => LoopbackApi.Stop();

    private static byte[] ExpectedBody(int index) =>
        Encoding.UTF8.GetBytes(("data-" + index.ToString(CultureInfo.InvariantCulture)).PadRight(ResponseBytes, '.'));
}
