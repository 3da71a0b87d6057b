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
}
