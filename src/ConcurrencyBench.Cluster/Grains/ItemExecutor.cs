using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Cluster.Grains;

/// <summary>Runs one item inside a silo through <see cref="WorkloadRegistry"/>: request bytes in, response bytes out.</summary>
internal static class ItemExecutor
{
    /// <summary>Runs the item on the thread pool, not on the activation's own scheduler: a handler that blocks there
    /// would block the activation's every turn, the one that delivers the caller's cancellation included.</summary>
    public static Task<ItemResponse> RunOffTheActivationAsync(string workloadId, byte[] request, SiloIdentity silo, CancellationToken cancellationToken) =>
        Task.Run(() => Run(workloadId, request, silo, cancellationToken), CancellationToken.None);

    /// <summary>Runs a chunk's items one after another on the thread pool, as <see cref="RunOffTheActivationAsync"/>
    /// runs one: each answered on its own, the chunk checked first.</summary>
    /// <exception cref="ArgumentException">The chunk is empty, larger than <see cref="ClusterStrategy.MaxChunkSize"/>,
    /// or holds a null request (thrown to the caller: no item ran).</exception>
    public static Task<ItemResponse[]> RunChunkOffTheActivationAsync(string workloadId, byte[][] requests, SiloIdentity silo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Length is 0 or > ClusterStrategy.MaxChunkSize)
        {
            throw new ArgumentOutOfRangeException(nameof(requests), requests.Length, $"A chunk holds 1 to {ClusterStrategy.MaxChunkSize} requests.");
        }

        int missing = Array.IndexOf(requests, null);
        if (missing >= 0)
        {
            throw new ArgumentException($"request {missing} of the chunk is null.", nameof(requests));
        }

        return Task.Run(
            () =>
            {
                var responses = new ItemResponse[requests.Length];
                for (int i = 0; i < requests.Length; i++)
                {
                    // The caller stopped the run between two items: the call ends as cancelled, as one item's does.
                    cancellationToken.ThrowIfCancellationRequested();
                    responses[i] = Run(workloadId, requests[i], silo, cancellationToken);
                }

                return responses;
            },
            CancellationToken.None);
    }

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
