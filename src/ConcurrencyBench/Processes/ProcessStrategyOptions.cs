using ConcurrencyBench.Processes.Protocol;

namespace ConcurrencyBench.Processes;

/// <summary>Settings of the Process strategies.</summary>
public sealed class ProcessStrategyOptions
{
    /// <summary>Gets how many worker processes run at once (the pool's size); the core count by default.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Gets how long one item may take in a worker before the worker is killed and replaced; five minutes by default.</summary>
    public TimeSpan ItemTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets how many workers may die (crash, be killed or time out) on one item before the item fails; 3 by default.
    /// Only deaths while the item was the worker's count: a worker found dead when the item was sent to it costs the
    /// item nothing, and a replacement that cannot start in three tries in a row fails the run as a start failure. Only the pool retries: a
    /// process per item has no other worker to give the item to.
    /// </summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// Gets how many requests the pool keeps in flight on each worker (items, or chunks of items with
    /// <see cref="ChunkSize"/> above one); 1 by default, at most <see cref="MaxInFlightPerWorker"/>. With one, a worker
    /// that finishes an item idles until the parent has read the answer and sent the next request; with more, its next
    /// requests are already in its pipe. A worker still computes one item at a time, in the order sent, and every
    /// worker takes its items from the one shared queue as its window opens; once fewer items are left than workers,
    /// a busy worker takes no more, so that the last ones go to whichever worker is free first. When a worker dies, only the item it was
    /// computing (the oldest it had not answered) is charged an attempt (<see cref="MaxAttempts"/>); the items queued
    /// behind it go to its replacement uncharged. Only the pool reads it.
    /// </summary>
    public int InFlightPerWorker { get; init; } = 1;

    /// <summary>The most requests <see cref="InFlightPerWorker"/> allows: enough to cover any round trip, few enough
    /// that one worker's queue cannot hold a large share of a run's items while other workers idle.</summary>
    public const int MaxInFlightPerWorker = 64;

    /// <summary>
    /// Gets how many items the pool sends a worker in one request (a chunk); 1 by default, at most
    /// <see cref="MaxChunkSize"/>, or <see cref="AutoChunkSize"/>. With several workers, chunks shrink toward the end
    /// of a run (at most the items left over twice the workers, down to one, as OpenMP's guided schedule), so that
    /// the end does not wait for one worker's last full chunk. With more than one, a worker computes a chunk's
    /// items one after another, in order, and answers them in one frame: one round trip for several small items.
    /// Each item is still answered, or fails, on its own. A worker lost while it holds a chunk charges none of its
    /// items an attempt (which one it was computing cannot be known): they go again one item per request, ahead of the
    /// rest, where a loss charges the item being computed as usual (<see cref="MaxAttempts"/>). A chunk has
    /// <see cref="ItemTimeout"/> for each of its items. <see cref="InFlightPerWorker"/> then counts requests: chunks, or
    /// single items. Only the pool reads it.
    /// </summary>
    public int ChunkSize { get; init; } = 1;

    /// <summary>The largest <see cref="ChunkSize"/>: a few hundred small items already make a round trip negligible
    /// beside their work, and a larger chunk would only unbalance the end of a run.</summary>
    public const int MaxChunkSize = 256;

    /// <summary>
    /// The <see cref="ChunkSize"/> that lets the pool choose for each run: the run's items over four times the
    /// workers, from 1 to <see cref="MaxChunkSize"/>, so that each worker gets about four chunks (PLINQ's chunk
    /// partitioning also hands out several chunks per worker, to keep the end of a run balanced).
    /// </summary>
    public const int AutoChunkSize = 0;

    /// <summary>Gets how long a new worker may take to answer the handshake; 30 seconds by default.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the worker to start; <see cref="WorkerLocator.Find"/>'s choice when null.</summary>
    public WorkerLaunch? Worker { get; init; }

    /// <summary>Gets the largest frame either side accepts, in bytes.</summary>
    public int MaxFrameSize { get; init; } = WireFormat.DefaultMaxFrameSize;

    /// <summary>The chunk size for a run of <paramref name="items"/> items (see <see cref="AutoChunkSize"/>).</summary>
    internal int ChunkSizeFor(int items) =>
        ChunkSize == AutoChunkSize ? Math.Clamp(items / (4 * Workers), 1, MaxChunkSize) : ChunkSize;

    internal WorkerLaunch Validate()
    {
        Strategies.ThrowHelper.ThrowIfWorkersInvalid(Workers, nameof(Workers));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        if (InFlightPerWorker is < 1 or > MaxInFlightPerWorker)
        {
            throw new ArgumentOutOfRangeException(nameof(InFlightPerWorker), InFlightPerWorker, $"The items in flight per worker must be from 1 to {MaxInFlightPerWorker}.");
        }

        if (ChunkSize is < AutoChunkSize or > MaxChunkSize)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkSize), ChunkSize, $"The chunk size must be from 1 to {MaxChunkSize}, or {AutoChunkSize} for the pool's choice.");
        }

        if (ItemTimeout <= TimeSpan.Zero && ItemTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(ItemTimeout), ItemTimeout, "The item timeout must be positive or infinite.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HandshakeTimeout, TimeSpan.Zero, nameof(HandshakeTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameSize, 1024, nameof(MaxFrameSize));
        return Worker ?? WorkerLocator.Find();
    }
}
