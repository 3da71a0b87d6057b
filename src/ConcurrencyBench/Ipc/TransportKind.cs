namespace ConcurrencyBench.Ipc;

/// <summary>The ways a payload can reach a worker process.</summary>
public enum TransportKind
{
    /// <summary>The worker's standard input and output.</summary>
    Pipe,

    /// <summary>A Unix domain socket in a private folder.</summary>
    UnixSocket,

    /// <summary>A shared-memory file under /dev/shm; only offset and length cross the pipe.</summary>
    SharedMemory,
}
