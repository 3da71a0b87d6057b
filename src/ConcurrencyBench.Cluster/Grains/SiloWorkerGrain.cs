using Orleans.Concurrency;

namespace ConcurrencyBench.Cluster.Grains;

/// <summary>One activation per silo (per key), where the call arrives: the cost of a grain call without more parallelism.</summary>
[StatelessWorker(1)]
internal sealed class SiloWorkerGrain(SiloIdentity silo) : Grain, ISiloWorkerGrain
{
    public Task<ItemResponse> RunAsync(string workloadId, byte[] request, CancellationToken cancellationToken) =>
        ItemExecutor.RunOffTheActivationAsync(workloadId, request, silo, cancellationToken);

    public Task<ItemResponse[]> RunChunkAsync(string workloadId, byte[][] requests, CancellationToken cancellationToken) =>
        ItemExecutor.RunChunkOffTheActivationAsync(workloadId, requests, silo, cancellationToken);

    public Task<int> SiloIndexAsync() => Task.FromResult(silo.Index);
}
