namespace ConcurrencyBench.Processes.Protocol;

/// <summary>The kinds of frame the parent and a worker exchange.</summary>
internal enum FrameType : byte
{
    /// <summary>Parent to worker, first frame: magic and protocol version.</summary>
    Hello = 1,

    /// <summary>Worker to parent: the handshake is accepted (version, process id, runtime kind).</summary>
    HelloOk = 2,

    /// <summary>Parent to worker: request id, registered workload id, payload.</summary>
    Request = 3,

    /// <summary>Worker to parent: request id, result payload.</summary>
    Response = 4,

    /// <summary>Worker to parent: request id (0 for the connection), error code, message.</summary>
    Error = 5,

    /// <summary>Parent to worker: request id, registered workload id, item count, then each item's payload
    /// length-prefixed (<see cref="ChunkFrames"/>).</summary>
    ChunkRequest = 6,

    /// <summary>Worker to parent: request id, item count, then each item's status, and its result payload or its
    /// error, length-prefixed (<see cref="ChunkFrames"/>).</summary>
    ChunkResponse = 7,
}
