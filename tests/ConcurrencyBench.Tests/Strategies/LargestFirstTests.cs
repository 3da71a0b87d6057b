using ConcurrencyBench.Strategies;

namespace ConcurrencyBench.Tests.Strategies;

public sealed class LargestFirstTests
{
    [Fact]
    public async Task RunAsync_StartsTheItemsLargestFirst_AndReturnsThemInInputOrder()
    {
        double[] costs = [3, 9, 1, 9, 5];
        var started = new List<int>();
        var workload = new RecordingWorkload(costs.Length, started);

        int[] results = await ConcurrencyStrategies.LargestFirst(ConcurrencyStrategies.Sequential, i => costs[i]).RunAsync(workload);

        Assert.Equal([1, 3, 4, 0, 2], started);
        Assert.Equal([0, 10, 20, 30, 40], results);
    }

    [Fact]
    public async Task RunAsync_ACostThatIsNotANumber_IsRefusedBeforeAnythingRuns()
    {
        var started = new List<int>();

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            ConcurrencyStrategies.LargestFirst(ConcurrencyStrategies.Sequential, i => i == 2 ? double.NaN : 1).RunAsync(new RecordingWorkload(4, started)));

        Assert.Contains("item 2", ex.Message);
        Assert.Empty(started);
    }

    [Fact]
    public void Name_SaysLargestFirst()
    {
        Assert.Equal("FixedThreads(2), largest first", ConcurrencyStrategies.LargestFirst(ConcurrencyStrategies.FixedThreads(2), _ => 1).Name);
    }

    private sealed class RecordingWorkload(int count, List<int> started) : ConcurrencyBench.Workloads.IWorkload<int>
    {
        public string Id => "recording";

        public int Count => count;

        public int Execute(int index, CancellationToken cancellationToken)
        {
            lock (started)
            {
                started.Add(index);
            }

            return index * 10;
        }

        public ValueTask<int> ExecuteAsync(int index, CancellationToken cancellationToken) => ValueTask.FromResult(Execute(index, cancellationToken));
    }
}
