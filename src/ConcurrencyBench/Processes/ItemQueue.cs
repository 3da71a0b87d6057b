namespace ConcurrencyBench.Processes;

/// <summary>
/// The items of one run of a pool or a cluster, handed out in input order from one counter to its slots: each take
/// is the next consecutive items, up to a chunk, and fewer toward the end of the run (guided, as OpenMP's
/// <c>schedule(guided)</c> and PLINQ's chunk partitioning shrink their chunks), so that the run's end does not wait
/// for one slot's last full chunk while the others idle.
/// </summary>
internal sealed class ItemQueue
{
    // A take is at most the items left over this many times the slots: chunks shrink once fewer than two full
    // chunks per slot are left, down to single items.
    private const int ShareOfLeft = 2;

    private readonly int _count;
    private readonly int _slots;
    private int _next;

    /// <summary>Creates the queue of a run.</summary>
    /// <param name="count">The run's items.</param>
    /// <param name="slots">The slots that take from it (at least one).</param>
    public ItemQueue(int count, int slots)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _count = count;
        _slots = slots;
    }

    /// <summary>Gets how many items no slot has taken yet.</summary>
    public int Left => Math.Max(0, _count - Volatile.Read(ref _next));

    /// <summary>Gets whether every other slot could still take an item: a slot that is already busy should take
    /// more (to keep its next request ready) only while this holds, or it would hold items that an idle slot could
    /// start sooner.</summary>
    public bool EnoughForEverySlot => Left >= _slots;

    /// <summary>Takes the next items: at most <paramref name="most"/>, fewer toward the end of the run when there are
    /// several slots (at least one while any is left).</summary>
    /// <param name="most">The most items to take (the chunk size; at least one).</param>
    /// <returns>The first item taken and how many; a count of zero when none is left.</returns>
    public (int First, int Count) Take(int most)
    {
        while (true)
        {
            int next = Volatile.Read(ref _next);
            int left = _count - next;
            if (left <= 0)
            {
                return (_count, 0);
            }

            // A lone slot has no end to balance: it takes whole chunks to the last.
            int count = _slots == 1 ? Math.Min(most, left) : Math.Min(most, Math.Max(1, left / (ShareOfLeft * _slots)));
            if (Interlocked.CompareExchange(ref _next, next + count, next) == next)
            {
                return (next, count);
            }
        }
    }
}
