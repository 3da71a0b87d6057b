using System.Buffers;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Support;

/// <summary>Counts the item requests a strategy encodes (a chunk encodes each of its items), and calls back once when a
/// threshold is reached; it can make one item's first request hang in the worker.</summary>
internal sealed class DispatchCounter(DiagnosticWorkload inner, int killAfter) : IRemoteWorkload<int>
{
    private readonly HashSet<int> _sent = [];
    private int _dispatches;

    private readonly TaskCompletionSource<long[]> _hangDispatched = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Action? OnThreshold { get; set; }

    /// <summary>Gets or sets the item whose first request makes the worker hang in it (-1: none).</summary>
    public int HangOnFirstDispatchOf { get; init; } = -1;

    /// <summary>Gets or sets how many requests each worker's connection had begun (read as the hanging request is written).</summary>
    public Func<long[]>? RequestsSent { get; init; }

    /// <summary>Completes, with <see cref="RequestsSent"/> before it, when the hanging request is being sent.</summary>
    public Task<long[]> HangDispatched => _hangDispatched.Task;

    public int Dispatches => Volatile.Read(ref _dispatches);

    /// <summary>
    /// Kills the worker of the pool's slot 0 once it holds <paramref name="requests"/> requests: the one that hangs
    /// (<see cref="HangOnFirstDispatchOf"/>, alone or in a chunk) and those sent behind it, each written whole, so
    /// that the worker has them all whatever it does next. Needs <see cref="RequestsSent"/> to read that worker's.
    /// </summary>
    /// <returns>The process id killed.</returns>
    public async Task<int?> KillWhenItHoldsAsync(ProcessPool pool, WorkerProcess worker, int requests)
    {
        // Read while the hanging item is encoded, before its request is sent.
        long sentBefore = (await HangDispatched.WaitAsync(Eventually.Bound))[0];
        await Eventually.TrueAsync(() => worker.Connection.RequestsSent >= sentBefore + requests && !worker.Connection.WriteInProgress);
        return pool.KillWorker(0);
    }

    public List<int> RedispatchedIndices { get; } = [];

    public string Id => inner.Id;

    public int Count => inner.Count;

    public int Execute(int index, CancellationToken cancellationToken) => inner.Execute(index, cancellationToken);

    public ValueTask<int> ExecuteAsync(int index, CancellationToken cancellationToken) => inner.ExecuteAsync(index, cancellationToken);

    public void WriteRequest(int index, IBufferWriter<byte> writer)
    {
        lock (_sent)
        {
            if (!_sent.Add(index))
            {
                RedispatchedIndices.Add(index);
            }
        }

        if (Interlocked.Increment(ref _dispatches) == killAfter)
        {
            OnThreshold?.Invoke();
        }

        if (index == HangOnFirstDispatchOf && !RedispatchedIndices.Contains(index))
        {
            new DiagnosticWorkload(inner.Count, DiagnosticBehavior.HangAtIndex, targetIndex: index, markerFolder: inner.MarkerFolder).WriteRequest(index, writer);
            _hangDispatched.TrySetResult(RequestsSent?.Invoke() ?? []);
            return;
        }

        inner.WriteRequest(index, writer);
    }

    public int ReadResult(ReadOnlySequence<byte> payload) => inner.ReadResult(payload);
}
