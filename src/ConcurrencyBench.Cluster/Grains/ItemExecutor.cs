using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Cluster.Grains;

/// <summary>Runs one item inside a silo through <see cref="WorkloadRegistry"/>: request bytes in, response bytes out.</summary>
internal static class ItemExecutor
{
    /// <summary>Runs the item on the thread pool, not on the activation's own scheduler: a handler that blocks there
    /// would block the activation's every turn, the one that delivers the caller's cancellation included.</summary>
    public static Task<ItemResponse> RunOffTheActivationAsync(string workloadId, byte[] request, SiloIdentity silo, CancellationToken cancellationToken) =>
        Task.Run(() => Run(workloadId, request, silo, cancellationToken), CancellationToken.None);

    public static ItemResponse Run(string workloadId, byte[] request, SiloIdentity silo, CancellationToken cancellationToken)
    {
        int siloIndex = silo.Index;
        if (!SiloWorkloads.Serves(workloadId, silo.ServesDiagnostics) || !WorkloadRegistry.TryGet(workloadId, out RemoteHandler? handler))
        {
            return new ItemResponse
            {
                Status = ItemStatus.UnknownWorkload,
                Error = $"silo {siloIndex} does not serve a workload '{Processes.Protocol.PrintableText.OneLine(workloadId, 64)}'",
                SiloIndex = siloIndex,
            };
        }

        using var response = new PooledBufferWriter();
        try
        {
            handler(new System.Buffers.ReadOnlySequence<byte>(request), response, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller stopped the run: the call ends as cancelled, not as the item's failure.
            throw;
        }
        catch (Exception ex)
        {
            return new ItemResponse { Status = ItemStatus.Failed, Error = $"{ex.GetType().Name}: {ex.Message}", SiloIndex = siloIndex };
        }

        return new ItemResponse { Status = ItemStatus.Completed, Payload = response.WrittenMemory.ToArray(), SiloIndex = siloIndex };
    }
}
