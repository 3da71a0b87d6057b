using System.Collections.Concurrent;

namespace ConcurrencyBench.Strategies;

/// <summary>Hands out item indices one at a time, so that a slow item never holds a chunk of others behind it.</summary>
internal static class ItemPartitioner
{
    public static OrderablePartitioner<int> OneAtATime(int count) =>
        Partitioner.Create(Enumerable.Range(0, count), EnumerablePartitionerOptions.NoBuffering);
}
