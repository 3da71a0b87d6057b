using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// Task granularity: the same CPU work (2^26 rounds of a mixing kernel, about 0.2 s on one core) split into equal
/// items of RoundsPerItem rounds, from about 1 µs to about 10 ms an item. With equal items the ideal speedup is the
/// core count, so what a strategy loses is its overhead per item: the report gives, per row, the smallest item size
/// whose efficiency's lower bound is still 0.8. Partitioning is part of the answer: Parallel.ForEach one item at a
/// time, over the ranges Partitioner.Create picks, and over ranges of about 65,536 rounds.
/// </summary>
[Question("Task granularity: how small may a work item be before a strategy stops paying?", QuestionKind.StrategyComparison, Order = 10,
    SizeParameter = nameof(RoundsPerItem), TotalWork = TotalRounds, SizeUnit = "rounds",
    Note = "Equal items of RoundsPerItem rounds of a mixing kernel, 2^26 rounds an operation; each row's efficiency is Sequential's time over the cores, over its time. Cases whose per-item overhead (process starts, round trips, thread starts; measured elsewhere in the suite) alone exceeds the profile's budget are skipped, with the prediction.")]
[IdealTime(IdealTimeModel.WorkOverCores, ItemCosts = nameof(ItemCosts), CostUnit = "rounds (equal items)")]
[BenchmarkCategory(Categories.CpuBound)]
[QuickProfileCut(QuickProfileCutAttribute.AnyMethod, nameof(RoundsPerItem), BetweenSizes, From = 1 << 11, To = 1 << 11)]
[QuickProfileCut(QuickProfileCutAttribute.AnyMethod, nameof(RoundsPerItem), BetweenSizes, From = 1 << 17, To = 1 << 17)]
[QuickProfileCut(QuickProfileCutAttribute.AnyMethod, nameof(RoundsPerItem), BetweenSizes, From = 1 << 22, To = 1 << 22)]
[QuickProfileCut(nameof(ThreadPerItem), nameof(RoundsPerItem), OtherStrategies)]
[QuickProfileCut(nameof(FixedThreads), nameof(RoundsPerItem), OtherStrategies)]
[QuickProfileCut(nameof(ParallelForRanges_Default), nameof(RoundsPerItem), OtherStrategies)]
[QuickProfileCut(nameof(TaskWhenAll), nameof(RoundsPerItem), OtherStrategies)]
[QuickProfileCut(nameof(ParallelForEachAsync), nameof(RoundsPerItem), OtherStrategies)]
[QuickProfileCut(nameof(Plinq), nameof(RoundsPerItem), OtherStrategies)]
[QuickProfileCut(nameof(ProcessPerItem), nameof(RoundsPerItem), OtherStrategies)]
[QuickProfileCut(nameof(ProcessPool), nameof(RoundsPerItem), "262,144 round trips to a worker a call (about 7 s); the 2,048-round items already show the round trips outweighing the work", To = 1 << 8, InFullProfileToo = true)]
[QuickProfileCut(nameof(ProcessPool_Chunked), nameof(RoundsPerItem), "at 1 µs items the chunked pool does not pay (efficiency 0.38 [0.24, 0.60] in the quick run of e0b2c98) and Sequential and the in-process rows show the size; the quick profile measures it where it does", To = 1 << 8)]
[QuickProfileCut(nameof(ProcessPool_Pipelined), nameof(RoundsPerItem), "262,144 requests to the workers a call, as ProcessPool's; the 2,048-round items already show what pipelining them saves", To = 1 << 8, InFullProfileToo = true)]
[QuickProfileCut(nameof(ProcessPool_Pipelined), nameof(RoundsPerItem), "two single items in flight per worker saved nothing measurable over ProcessPool at any size (results/reference/amd-epyc-2core-linux-granularity-chunks/); the quick profile measures ProcessPool_Chunked instead, which does", From = 1 << 9)]
[QuickProfileCut(nameof(Cluster_2Silos_Chunked), nameof(RoundsPerItem), "starting two silo processes costs several seconds a launch and the quick profile is at its 15-minute ceiling; ProcessPool_Chunked shows what chunks save a process path, and PrimeChecks' Cluster_2Silos the cluster computing")]
public class TaskGranularity : StrategyComparison<ulong>
{
    /// <summary>The rounds of one operation, split into items: 2^26.</summary>
    public const double TotalRounds = 1 << 26;

    private const string BetweenSizes = "the quick profile measures every eighth size from 1 µs to 10 ms (256, 16,384 and 1,048,576 rounds); the full profile fills in the sizes between";
    private const string OtherStrategies = "the quick profile keeps Sequential, Parallel.ForEach (one at a time, and over sized ranges), Task.Run and the process pool; the full profile adds this row";

    // The chunks each worker of ProcessPool_Chunked gets in a call (see ChunkSize).
    private const int ChunksPerWorker = 16;

    // Ranges of about this many rounds (a fifth of a millisecond): long enough to hide the loop's hand-out, short
    // enough that 2^26 rounds make about a thousand ranges to balance.
    private const int RoundsPerRange = 1 << 16;

    private IConcurrencyStrategy? _defaultRanges;
    private IConcurrencyStrategy? _sizedRanges;

    /// <summary>The rounds of one item: about 1 µs (256) to about 12 ms (2^22) on one core.</summary>
    [Params(1 << 8, 1 << 11, 1 << 14, 1 << 17, 1 << 20, 1 << 22)]
    public int RoundsPerItem { get; set; }

    /// <summary>The worker count of the bounded strategies: the cores of this machine.</summary>
    [ParamsSource(nameof(CoreCounts)), Input(Input.AtOnce)]
    public int K { get; set; }

    /// <summary>Gets the values of <see cref="K"/>.</summary>
    public static IEnumerable<int> CoreCounts => [Environment.ProcessorCount];

    /// <summary>Gets the work of each item for the ideal time: equal items, many more than cores.</summary>
    public static IReadOnlyList<double> ItemCosts => [.. Enumerable.Repeat(1.0, 16 * Environment.ProcessorCount)];

    /// <summary>Gets the items of one operation.</summary>
    public int Items => (int)(TotalRounds / RoundsPerItem);

    /// <inheritdoc />
    protected override int Workers => K;

    /// <summary>Parallel.ForEach over the ranges Partitioner.Create(0, n) picks (about three per core).</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.BlockingPool)]
    public Task<ulong[]> ParallelForRanges_Default() => Measure(_defaultRanges!);

    /// <summary>Parallel.ForEach over ranges of about 65,536 rounds (Partitioner.Create with a range size).</summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.BlockingPool)]
    public Task<ulong[]> ParallelForRanges_Sized() => Measure(_sizedRanges!);

    /// <summary>Starts the pool for <see cref="ProcessPool_Pipelined"/>: K workers, two items in flight on each (set-up, not measured).</summary>
    [GlobalSetup(Target = nameof(ProcessPool_Pipelined))]
    public void StartPipelinedPool() => CreateWorkloadAndStartPipelinedPool();

    /// <summary>Ends the pool of <see cref="ProcessPool_Pipelined"/>, then reports.</summary>
    [GlobalCleanup(Target = nameof(ProcessPool_Pipelined))]
    public void StopPipelinedPool() => StopPoolAndReportFacts();

    /// <summary>
    /// The pool of K worker processes with two items in flight on each (<see cref="StrategyComparison{TResult}.PipelinedInFlightPerWorker"/>):
    /// a worker's next item already waits in its pipe when it finishes one, so small items do not leave it idle for the
    /// parent's turnaround between them.
    /// </summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Process), Role(RowRoles.PipelinedPool), ItemOverhead(PoolRoundTripMicroseconds, "round trips to a pool worker")]
    public Task<ulong[]> ProcessPool_Pipelined() => Measure(PoolStrategy);

    /// <summary>Starts the pool for <see cref="ProcessPool_Chunked"/>: K workers, two requests in flight on each, each a
    /// chunk of <see cref="ChunkSize"/> items (set-up, not measured).</summary>
    [GlobalSetup(Target = nameof(ProcessPool_Chunked))]
    public void StartChunkedPool() => CreateWorkloadAndStartPoolWith(new Processes.ProcessStrategyOptions
    {
        Workers = K,
        InFlightPerWorker = PipelinedInFlightPerWorker,
        ChunkSize = ChunkSize,
    });

    /// <summary>Ends the pool of <see cref="ProcessPool_Chunked"/>, then reports.</summary>
    [GlobalCleanup(Target = nameof(ProcessPool_Chunked))]
    public void StopChunkedPool() => StopPoolAndReportFacts();

    /// <summary>
    /// The pipelined pool (two requests in flight on each of K workers) sending the items in chunks of
    /// <see cref="ChunkSize"/>: one round trip, and one turn of the parent, for a whole chunk instead of for each item,
    /// while each item is still answered, and may fail, on its own.
    /// </summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Process), Role(RowRoles.ChunkedPool)]
    public Task<ulong[]> ProcessPool_Chunked() => Measure(PoolStrategy);

    /// <summary>Starts two silos for <see cref="Cluster_2Silos_Chunked"/>: K worker slots in all, spread evenly, each
    /// grain call a chunk of <see cref="ChunkSize"/> items (set-up, not measured).</summary>
    [GlobalSetup(Target = nameof(Cluster_2Silos_Chunked))]
    public void StartChunkedCluster() => CreateWorkloadAndStartCluster(2, Cluster.ClusterPlacement.DistinctKeys, ChunkSize);

    /// <summary>Ends the cluster of <see cref="Cluster_2Silos_Chunked"/>, then reports, with its time to ready and items per silo.</summary>
    [GlobalCleanup(Target = nameof(Cluster_2Silos_Chunked))]
    public void StopChunkedCluster() => StopClusterAndReportFacts();

    /// <summary>
    /// An Orleans cluster of two silo processes, K grains pulling items as PrimeChecks' Cluster_2Silos does, each
    /// grain call a chunk of <see cref="ChunkSize"/> consecutive items (the chunk size of ProcessPool_Chunked): one
    /// call for a chunk instead of one for each item, each item still answered, and failing, on its own.
    /// </summary>
    [Benchmark, Workers(WorkerBound.K), Waits(WaitKind.Cluster), Role(RowRoles.ChunkedCluster)]
    public Task<ulong[]> Cluster_2Silos_Chunked() => Measure(ClusterStrategy);

    /// <summary>
    /// Gets the items per request of <see cref="ProcessPool_Chunked"/> and per grain call of
    /// <see cref="Cluster_2Silos_Chunked"/>: the items over 16 chunks per worker, from 1 to
    /// <see cref="Processes.ProcessStrategyOptions.MaxChunkSize"/> (the cluster's <see cref="Cluster.ClusterStrategy.MaxChunkSize"/> is the same). Sixteen chunks each keep the end of a call balanced
    /// (a worker that falls behind leaves the other idle for at most about one chunk, a sixteenth of its share) while
    /// a chunk of the small items is long beside a round trip: at about 52 µs an item (16,384 rounds, 4,096 items
    /// on two cores), chunks of 128 items take about 7 ms against a round trip of about 50 µs, which the second
    /// request in flight hides besides. Items of 1 µs make chunks of the largest size; the largest items (16 and 64
    /// of them) go one or two to a request, where a chunk saves nothing.
    /// </summary>
    private int ChunkSize => Math.Clamp(Items / (ChunksPerWorker * K), 1, Processes.ProcessStrategyOptions.MaxChunkSize);

    /// <inheritdoc />
    protected override IWorkload<ulong> CreateWorkload()
    {
        _defaultRanges = ConcurrencyStrategies.ParallelForRanges(null, K);
        _sizedRanges = ConcurrencyStrategies.ParallelForRanges(Math.Max(1, RoundsPerRange / RoundsPerItem), K);
        return new GranularKernelWorkload(Items, RoundsPerItem);
    }

    /// <inheritdoc />
    /// <remarks>From <see cref="ReferenceKernel"/>, which does not use the workload's code.</remarks>
    protected override IReadOnlyList<ulong> ExpectedResults(IWorkload<ulong> workload) =>
        [.. Enumerable.Range(0, Items).Select(i => ReferenceKernel.Item(i, RoundsPerItem))];
}
