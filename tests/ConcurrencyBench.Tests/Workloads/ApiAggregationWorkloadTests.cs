using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Workloads;

public sealed class ApiAggregationWorkloadTests
{
    [Fact]
    public async Task FetchAndFetchAsync_ReturnDataOfTheirIndex()
    {
        var workload = new ApiAggregationWorkload(3, TimeSpan.Zero);

        Assert.Equal("data-2", workload.Fetch(2));
        Assert.Equal("data-1", await workload.FetchAsync(1));
        Assert.Equal(ApiAggregationWorkload.DefaultLatency, new ApiAggregationWorkload(1).Latency);
    }

    [Fact]
    public async Task Fetch_Cancelled_StopsWaiting()
    {
        var workload = new ApiAggregationWorkload(1, TimeSpan.FromHours(1));
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => workload.Fetch(0, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await workload.FetchAsync(0, cts.Token));
    }

    [Fact]
    public void Fetch_IndexOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ApiAggregationWorkload(2).Fetch(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ApiAggregationWorkload(2).Fetch(-1));
    }
}
