using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Ipc;

/// <summary>Payloads through the worker's own standard input and output: the anonymous pipes the pool uses.</summary>
public sealed class PipeTransport : ProtocolTransport
{
    private readonly WorkerProcess _worker;

    /// <summary>Uses <paramref name="worker"/>'s pipes; the transport does not own the worker.</summary>
    /// <param name="worker">A started worker.</param>
    /// <param name="maxPayloadBytes">The largest payload accepted: at most the worker's frame size less a small header.</param>
    public PipeTransport(WorkerProcess worker, int maxPayloadBytes = 64 << 20)
        : base(maxPayloadBytes)
    {
        ArgumentNullException.ThrowIfNull(worker);
        _worker = worker;
    }

    /// <inheritdoc />
    public override string Name => "pipe";

    private protected override WorkerConnection Connection => _worker.Connection;

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
