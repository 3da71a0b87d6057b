namespace ConcurrencyBench.Cluster.Grains;

/// <summary>
/// A grain that runs items of registered workloads, one at a time; its integer key is a worker slot, and the slots
/// are placed evenly over the silos.
/// </summary>
public interface IItemGrain : IGrainWithIntegerKey
{
    /// <summary>Runs one item of the workload registered as <paramref name="workloadId"/>.</summary>
    /// <param name="workloadId">The id in the workload registry; nothing else names the code that runs.</param>
    /// <param name="request">The item's request payload.</param>
    /// <param name="cancellationToken">Cancelled when the caller stops the run.</param>
    /// <returns>The result or the item's failure, and the silo that ran it.</returns>
    Task<ItemResponse> RunAsync(string workloadId, [Immutable] byte[] request, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a chunk of items of the workload registered as <paramref name="workloadId"/>, one after another in order,
    /// and answers each on its own: one item's failure is its response, and its chunk-mates still run.
    /// </summary>
    /// <param name="workloadId">The id in the workload registry; nothing else names the code that runs.</param>
    /// <param name="requests">The items' request payloads, 1 to <see cref="ClusterStrategy.MaxChunkSize"/> of them, none null.</param>
    /// <param name="cancellationToken">Cancelled when the caller stops the run: the call then ends as cancelled.</param>
    /// <returns>One response per request, in the requests' order, all from the same silo.</returns>
    /// <exception cref="ArgumentException">The chunk is empty, too large, or holds a null request.</exception>
    Task<ItemResponse[]> RunChunkAsync(string workloadId, [Immutable] byte[][] requests, CancellationToken cancellationToken);
}
