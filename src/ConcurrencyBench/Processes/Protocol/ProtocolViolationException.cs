namespace ConcurrencyBench.Processes.Protocol;

/// <summary>A frame broke the worker protocol; the connection cannot go on.</summary>
public sealed class ProtocolViolationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">What was wrong.</param>
    /// <param name="message">One line that says so.</param>
    public ProtocolViolationException(WorkerErrorCode code, string message)
        : base(message) => Code = code;

    /// <summary>Gets what was wrong.</summary>
    public WorkerErrorCode Code { get; }
}
