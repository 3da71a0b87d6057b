using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Tests.Processes;

/// <summary>The shared queue of a pool's or a cluster's run: every item taken once, in order, in chunks that shrink
/// toward the end when several slots take from it.</summary>
public sealed class ItemQueueTests
{
    [Theory]
    [InlineData(64, 2, 2)]
    [InlineData(4096, 2, 128)]
    [InlineData(23, 3, 4)]
    [InlineData(5, 4, 16)]
    [InlineData(37, 1, 8)]
    public void Take_OneSlotAfterAnother_EveryItemOnceInOrder(int count, int slots, int most)
    {
        var queue = new ItemQueue(count, slots);
        var taken = new List<int>();

        while (queue.Take(most) is (int first, > 0 and var n))
        {
            Assert.InRange(n, 1, most);
            taken.AddRange(Enumerable.Range(first, n));
        }

        Assert.Equal(Enumerable.Range(0, count), taken);
        Assert.Equal(0, queue.Left);
        Assert.Equal((count, 0), queue.Take(most));
    }

    [Fact]
    public void Take_SeveralSlots_ChunksShrinkToSingleItemsAtTheEnd()
    {
        // 64 items, chunks of 2, two slots: whole chunks while at least two chunks a slot are left (8 items), then one
        // item at a time.
        var queue = new ItemQueue(64, 2);
        var sizes = new List<int>();
        while (queue.Take(2) is (_, > 0 and var n))
        {
            sizes.Add(n);
        }

        Assert.Equal([.. Enumerable.Repeat(2, 29), 1, 1, 1, 1, 1, 1], sizes);
    }

    [Fact]
    public void Take_OneSlot_TakesWholeChunksToTheLast()
    {
        var queue = new ItemQueue(10, 1);

        Assert.Equal((0, 4), queue.Take(4));
        Assert.Equal((4, 4), queue.Take(4));
        Assert.Equal((8, 2), queue.Take(4));
        Assert.Equal((10, 0), queue.Take(4));
    }

    [Fact]
    public void EnoughForEverySlot_HoldsWhileEachSlotCouldStillTakeOne()
    {
        var queue = new ItemQueue(3, 2);
        Assert.True(queue.EnoughForEverySlot);

        queue.Take(1);
        Assert.True(queue.EnoughForEverySlot); // two left, two slots

        queue.Take(1);
        Assert.False(queue.EnoughForEverySlot); // one left: a busy slot must leave it to whichever is free first
        Assert.Equal(1, queue.Left);
    }

    [Fact]
    public async Task Take_ManyThreadsAtOnce_NoItemTwiceAndNoneLost()
    {
        const int Count = 100_000;
        var queue = new ItemQueue(Count, 8);
        var seen = new int[Count];

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            while (queue.Take(16) is (int first, > 0 and var n))
            {
                for (int i = first; i < first + n; i++)
                {
                    Interlocked.Increment(ref seen[i]);
                }
            }
        })));

        Assert.All(seen, times => Assert.Equal(1, times));
    }

    [Fact]
    public void Constructor_ImpossibleArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItemQueue(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItemQueue(10, 0));
    }
}
