namespace ConcurrencyBench.Processes.Protocol;

/// <summary>Why a worker answered with an error frame.</summary>
public enum WorkerErrorCode : ushort
{
    /// <summary>The frame could not be parsed; the worker exits.</summary>
    MalformedFrame = 1,

    /// <summary>The frame is larger than the configured maximum; the worker exits without reading it.</summary>
    FrameTooLarge = 2,

    /// <summary>The parent speaks another protocol version; the worker exits.</summary>
    VersionMismatch = 3,

    /// <summary>The request names no registered workload; the worker exits.</summary>
    UnknownWorkload = 4,

    /// <summary>The workload threw while computing the item; the worker goes on.</summary>
    ItemFailed = 5,
}
