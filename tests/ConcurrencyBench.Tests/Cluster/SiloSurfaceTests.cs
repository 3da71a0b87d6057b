using ConcurrencyBench.Cluster;
using ConcurrencyBench.Cluster.Grains;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Tests.Support;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Cluster;

/// <summary>
/// What a silo serves to any grain call: the workloads the cluster strategies run, and nothing else. The IPC handlers
/// (connect to a socket path, map a descriptor of the parent) are a worker's, never a silo's; the diagnostic crash and
/// hang are the tests', and a silo serves them only when its launcher asks for them.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloSurfaceTests
{
    private static readonly string[] s_refused =
    [
        IpcHandlers.Echo,
        IpcHandlers.ChecksumId,
        IpcHandlers.ConnectSocket,
        IpcHandlers.MapSharedMemory,
        IpcHandlers.SharedMemoryChecksum,
        IpcHandlers.UnmapSharedMemory,
        DiagnosticWorkload.WorkloadId,
        "no-such-workload",
    ];

    [Fact]
    public async Task Silo_ByDefault_RefusesEveryWorkloadOutsideItsAllowList_AndLives()
    {
        await using OrleansCluster cluster = await OrleansCluster.StartAsync(new ClusterStartOptions { Silos = 1 });
        IItemGrain grain = cluster.Client.GetGrain<IItemGrain>(0);

        foreach (string id in s_refused)
        {
            ItemResponse response = await grain.RunAsync(id, [1, 2, 3, 4, 5, 6, 7, 8], CancellationToken.None);

            Assert.True(response.Status == ItemStatus.UnknownWorkload, $"{id}: {response.Status} {response.Error}");

            // A chunk is refused item by item, the same way.
            ItemResponse[] chunk = await grain.RunChunkAsync(id, [[1, 2, 3, 4, 5, 6, 7, 8], [8, 7, 6, 5, 4, 3, 2, 1]], CancellationToken.None);
            Assert.Equal(2, chunk.Length);
            Assert.All(chunk, r => Assert.True(r.Status == ItemStatus.UnknownWorkload, $"{id} in a chunk: {r.Status} {r.Error}"));
        }

        // The silo lives and still serves what the cluster strategies run.
        ulong[] numbers = [.. KnownPrimes.Classic.Keys];
        bool[] answers = await cluster.CreateStrategy().RunAsync(new PrimeCheckWorkload(numbers));
        Assert.Equal(numbers.Select(n => KnownPrimes.Classic[n]), answers);
    }
}
