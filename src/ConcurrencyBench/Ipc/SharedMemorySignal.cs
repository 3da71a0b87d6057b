namespace ConcurrencyBench.Ipc;

/// <summary>How the parent tells a worker that a payload is ready in shared memory, and learns the answer.</summary>
public enum SharedMemorySignal
{
    /// <summary>
    /// Through the region's own control block: the worker polls it while a payload is expected and the parent polls
    /// for the answer briefly; both fall back to the pipe to sleep. No system call while both are awake. A request
    /// with more compute than a short poll would cover goes through the pipe, as with <see cref="Pipe"/>.
    /// </summary>
    Doorbell,

    /// <summary>
    /// Offset and length through the worker's pipe, the answer back the same way: a round trip of two wake-ups, the
    /// cost the doorbell removes.
    /// </summary>
    Pipe,
}
