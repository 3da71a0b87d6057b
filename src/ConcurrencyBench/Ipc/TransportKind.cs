namespace ConcurrencyBench.Ipc;

/// <summary>The ways a payload can reach a worker process.</summary>
public enum TransportKind
{
    /// <summary>The worker's standard input and output.</summary>
    Pipe,

    /// <summary>A Unix domain socket in a private folder.</summary>
    UnixSocket,

    /// <summary>An anonymous shared-memory file (memfd) both processes map; only offset and length cross to the worker.</summary>
    SharedMemory,
}
