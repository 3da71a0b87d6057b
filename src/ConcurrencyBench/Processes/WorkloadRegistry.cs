using System.Buffers;
using System.Collections.Frozen;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Processes;

/// <summary>Computes one item inside a worker: decodes the request payload and writes the result payload.</summary>
/// <param name="request">The request payload.</param>
/// <param name="response">Where the result payload goes.</param>
/// <param name="cancellationToken">Cancelled when the worker is shutting down.</param>
public delegate void RemoteHandler(ReadOnlySequence<byte> request, IBufferWriter<byte> response, CancellationToken cancellationToken);

/// <summary>
/// The only code a worker runs: a fixed table from workload id to handler, built at compile time.
/// A request cannot name a type, an assembly or any code outside this table.
/// </summary>
public static class WorkloadRegistry
{
    private static readonly FrozenDictionary<string, RemoteHandler> Handlers = new Dictionary<string, RemoteHandler>(StringComparer.Ordinal)
    {
        [PrimeCheckWorkload.WorkloadId] = PrimeCheckWorkload.ExecuteRemote,
        [ApiAggregationWorkload.WorkloadId] = ApiAggregationWorkload.ExecuteRemote,
        [DiagnosticWorkload.WorkloadId] = DiagnosticWorkload.ExecuteRemote,
        [GranularKernelWorkload.WorkloadId] = GranularKernelWorkload.ExecuteRemote,
        [IpcHandlers.Echo] = IpcHandlers.EchoPayload,
        [IpcHandlers.ChecksumId] = IpcHandlers.ChecksumPayload,
        [IpcHandlers.ConnectSocket] = IpcHandlers.ConnectToSocket,
        [IpcHandlers.MapSharedMemory] = IpcHandlers.MapRegion,
        [IpcHandlers.SharedMemoryChecksum] = IpcHandlers.ChecksumRegion,
        [IpcHandlers.SharedMemorySample] = IpcHandlers.SampleRegion,
        [IpcHandlers.SharedMemoryAwait] = IpcHandlers.AwaitAnswer,
        [IpcHandlers.SharedMemoryWake] = IpcHandlers.WakeRegion,
        [IpcHandlers.UnmapSharedMemory] = IpcHandlers.UnmapRegion,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Handlers that are short and bounded (they cannot hang): the worker runs them on its reading thread, saving a
    // thread-pool hop per request. Everything else runs on the pool, so that the reading thread always sees the end
    // of its input (a vanished parent) while an item computes, except the in-order workloads of a worker whose input
    // pipe is watched for the parent's hang-up (InputHangUpWatch), which compute on the reading thread.
    private static readonly FrozenSet<string> InlineHandlers = new[] { IpcHandlers.SharedMemorySample, IpcHandlers.SharedMemoryWake }.ToFrozenSet(StringComparer.Ordinal);

    // The strategies' workloads: a worker computes their items one at a time, in the order their requests came. A
    // pipelined pool sends a worker its next items before it has finished the current one; they wait their turn in the
    // worker instead of competing with it for the cores, and the answers come back in order, so that the supervisor
    // knows which item a dead worker was computing (the oldest it had not answered). The IPC handlers run side by side:
    // a wait for an answer through the pipe must not hold up the requests that end it.
    private static readonly FrozenSet<string> InOrderHandlers = new[]
    {
        PrimeCheckWorkload.WorkloadId, ApiAggregationWorkload.WorkloadId, DiagnosticWorkload.WorkloadId, GranularKernelWorkload.WorkloadId,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether the worker may run <paramref name="workloadId"/>'s handler on its reading thread.</summary>
    /// <param name="workloadId">The registered id.</param>
    public static bool RunsInline(string workloadId) => InlineHandlers.Contains(workloadId);

    /// <summary>
    /// Whether the worker runs <paramref name="workloadId"/>'s requests one at a time, in the order they came (each
    /// after the one before it has been answered), rather than side by side.
    /// </summary>
    /// <param name="workloadId">The registered id.</param>
    public static bool RunsInOrder(string workloadId) => InOrderHandlers.Contains(workloadId);

    /// <summary>Gets the ids of the registered workloads.</summary>
    public static IEnumerable<string> Ids => Handlers.Keys;

    /// <summary>Finds the handler of <paramref name="workloadId"/>.</summary>
    /// <param name="workloadId">The id a request names.</param>
    /// <param name="handler">The handler, when registered.</param>
    public static bool TryGet(string workloadId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RemoteHandler? handler) =>
        Handlers.TryGetValue(workloadId, out handler);
}
