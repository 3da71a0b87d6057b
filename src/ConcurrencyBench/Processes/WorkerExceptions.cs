using ConcurrencyBench.Processes.Protocol;

namespace ConcurrencyBench.Processes;

/// <summary>A worker process exited or was killed while it owed answers.</summary>
public sealed class WorkerExitedException(string message) : Exception(message)
{
    /// <summary>Gets a value indicating whether the worker was gone before it had the whole request: the request was
    /// never its own (the supervisor charges the item nothing for it).</summary>
    internal bool Undelivered { get; init; }
}

/// <summary>A worker refused the conversation (version, frame or workload): the message says why, in one line.</summary>
public sealed class WorkerProtocolException(WorkerErrorCode code, string message) : Exception(message)
{
    /// <summary>Gets what the worker refused.</summary>
    public WorkerErrorCode Code { get; } = code;
}

/// <summary>A workload item threw inside a worker; the message carries the worker's exception type and message.</summary>
public sealed class RemoteItemException(string message) : Exception(message);
