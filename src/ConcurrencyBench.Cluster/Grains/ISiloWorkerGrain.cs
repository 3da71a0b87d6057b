namespace ConcurrencyBench.Cluster.Grains;

/// <summary>
/// A stateless worker with one activation per silo: it runs on the silo whose gateway received the call, one item at
/// a time, so that a cluster of N silos runs N items at once.
/// </summary>
public interface ISiloWorkerGrain : IGrainWithIntegerKey
{
    /// <inheritdoc cref="IItemGrain.RunAsync(string, byte[], CancellationToken)"/>
    Task<ItemResponse> RunAsync(string workloadId, [Immutable] byte[] request, CancellationToken cancellationToken);

    /// <inheritdoc cref="IItemGrain.RunChunkAsync(string, byte[][], CancellationToken)"/>
    Task<ItemResponse[]> RunChunkAsync(string workloadId, [Immutable] byte[][] requests, CancellationToken cancellationToken);

    /// <summary>Gets the index of the silo this activation lives on (the client maps keys to silos with it).</summary>
    Task<int> SiloIndexAsync();
}
