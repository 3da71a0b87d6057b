using ConcurrencyBench.Cluster;
using ConcurrencyBench.Cluster.Grains;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Tests.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Cluster;

/// <summary>The strategy contract on a 2-silo cluster, items on worker slots of distinct keys, three items a grain call.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterChunkedContractTests(ClusterFixture fixture) : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => fixture.Cluster.CreateStrategy(ClusterPlacement.DistinctKeys, chunkSize: 3);

    protected override void AssertItemFailure(Exception exception, int index) => ClusterAssert.ItemFailure(exception, index);
}

/// <summary>Chunked grain calls beyond the contract: order, per-item answers, the boundary's checks, a silo lost mid-chunk.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterChunkTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(ClusterPlacement.DistinctKeys, 1, 10)]
    [InlineData(ClusterPlacement.DistinctKeys, 3, 10)]
    [InlineData(ClusterPlacement.DistinctKeys, 7, 101)]
    [InlineData(ClusterPlacement.DistinctKeys, 16, 5)]
    [InlineData(ClusterPlacement.DistinctKeys, ClusterStrategy.MaxChunkSize, 300)]
    [InlineData(ClusterPlacement.OneWorkerPerSilo, 4, 37)]
    public async Task RunAsync_Chunked_EveryResultInInputOrder_EachCountedOnce(ClusterPlacement placement, int chunkSize, int items)
    {
        ClusterStrategy strategy = fixture.Cluster.CreateStrategy(placement, chunkSize: chunkSize);

        int[] results = await strategy.RunAsync(new DiagnosticWorkload(items));

        Assert.Equal(Enumerable.Range(0, items).Select(i => i * i), results);
        Assert.Equal(items, strategy.LastRunItemsPerSilo.Values.Sum());
        Assert.Equal(chunkSize, strategy.ChunkSize);
    }

    [Fact]
    public async Task RunChunkAsync_OneItemFails_ItFailsAloneWithItsMessage_AndItsChunkMatesComplete()
    {
        var workload = new DiagnosticWorkload(5, DiagnosticBehavior.FailAtIndex, targetIndex: 2);

        ItemResponse[] responses = await fixture.Cluster.Client.GetGrain<IItemGrain>(0).RunChunkAsync(workload.Id, Requests(workload), CancellationToken.None);

        Assert.Equal([ItemStatus.Completed, ItemStatus.Completed, ItemStatus.Failed, ItemStatus.Completed, ItemStatus.Completed], responses.Select(r => r.Status));
        Assert.Contains(DiagnosticWorkload.FailureMessage(2), responses[2].Error);
        Assert.Contains(nameof(InvalidOperationException), responses[2].Error);
        Assert.Equal([0, 1, 9, 16], new[] { 0, 1, 3, 4 }.Select(i => workload.ReadResult(new System.Buffers.ReadOnlySequence<byte>(responses[i].Payload))));
        Assert.Single(responses.Select(r => r.SiloIndex).Distinct());
    }

    [Fact]
    public async Task RunAsync_ChunkWithAFailingItem_ThrowsThatItemsFailure()
    {
        ClusterStrategy strategy = fixture.Cluster.CreateStrategy(chunkSize: 8);

        Exception ex = await Assert.ThrowsAnyAsync<Exception>(() => strategy.RunAsync(new DiagnosticWorkload(20, DiagnosticBehavior.FailAtIndex, targetIndex: 11)));

        var failure = Assert.IsType<RemoteItemException>(ex);
        Assert.Contains("item 11 of", failure.Message);
        Assert.Contains(DiagnosticWorkload.FailureMessage(11), failure.Message);
    }

    [Fact]
    public async Task RunChunkAsync_BadChunks_AreRefusedAtTheBoundary_AndTheGrainLives()
    {
        IItemGrain grain = fixture.Cluster.Client.GetGrain<IItemGrain>(1);
        var workload = new DiagnosticWorkload(ClusterStrategy.MaxChunkSize + 1);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.RunChunkAsync(workload.Id, [], CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.RunChunkAsync(workload.Id, Requests(workload), CancellationToken.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => grain.RunChunkAsync(workload.Id, [[1], null!], CancellationToken.None));

        ItemResponse[] responses = await grain.RunChunkAsync(workload.Id, Requests(new DiagnosticWorkload(2)), CancellationToken.None);
        Assert.All(responses, r => Assert.Equal(ItemStatus.Completed, r.Status));
    }

    [Fact]
    public async Task RunChunkAsync_UnknownWorkload_EachItemAnsweredUnknown()
    {
        ItemResponse[] responses = await fixture.Cluster.Client.GetGrain<ISiloWorkerGrain>(0).RunChunkAsync("no-such-workload", [[1], [2], [3]], CancellationToken.None);

        Assert.Equal(3, responses.Length);
        Assert.All(responses, r => Assert.Equal(ItemStatus.UnknownWorkload, r.Status));
        Assert.All(responses, r => Assert.Contains("no-such-workload", r.Error));
    }

    [Fact]
    public void CreateStrategy_ChunkSizeOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Cluster.CreateStrategy(chunkSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Cluster.CreateStrategy(chunkSize: ClusterStrategy.MaxChunkSize + 1));
        Assert.Equal(1, fixture.Cluster.CreateStrategy().ChunkSize);
        Assert.Contains("chunks of 5", fixture.Cluster.CreateStrategy(chunkSize: 5).Name);
    }

    private static byte[][] Requests(DiagnosticWorkload workload) =>
        [.. Enumerable.Range(0, workload.Count).Select(i =>
        {
            var writer = new System.Buffers.ArrayBufferWriter<byte>();
            workload.WriteRequest(i, writer);
            return writer.WrittenSpan.ToArray();
        })];
}
