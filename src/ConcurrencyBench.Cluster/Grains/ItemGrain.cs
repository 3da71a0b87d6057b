using ConcurrencyBench.Cluster.Placement;

namespace ConcurrencyBench.Cluster.Grains;

/// <summary>A worker slot: runs the items sent to its key, one at a time, on the silo its key is placed on.</summary>
[EvenPlacement]
internal sealed class ItemGrain(SiloIdentity silo) : Grain, IItemGrain
{
    public Task<ItemResponse> RunAsync(string workloadId, byte[] request, CancellationToken cancellationToken) =>
        ItemExecutor.RunOffTheActivationAsync(workloadId, request, silo, cancellationToken);

    public Task<ItemResponse[]> RunChunkAsync(string workloadId, byte[][] requests, CancellationToken cancellationToken) =>
        ItemExecutor.RunChunkOffTheActivationAsync(workloadId, requests, silo, cancellationToken);
}
