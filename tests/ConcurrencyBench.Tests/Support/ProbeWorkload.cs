using System.Buffers;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Support;

/// <summary>What a probe item does.</summary>
public enum ProbeBehavior
{
    /// <summary>Returns index * index.</summary>
    Square,

    /// <summary>Throws <see cref="InvalidOperationException"/> at <see cref="ProbeWorkload.FailingIndex"/>, squares elsewhere.</summary>
    FailAtIndex,

    /// <summary>Waits until cancelled, then throws <see cref="OperationCanceledException"/>.</summary>
    BlockUntilCancelled,
}

/// <summary>
/// A workload that records what the strategy did with it: how many items started, and how many are running.
/// In a worker process (or a silo) it runs as the registered diagnostic workload, whose items mark their start and end
/// in this probe's private folder (<see cref="WorkerMarkers"/>): the counts then observe the workers themselves.
/// </summary>
public sealed class ProbeWorkload : IRemoteWorkload<int>, IDisposable
{
    private readonly ProbeBehavior _behavior;
    private readonly WorkerMarkers _markers = new();
    private readonly DiagnosticWorkload _remote;
    private int _dispatched;
    private int _started;
    private int _running;
    private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ProbeWorkload(int count, ProbeBehavior behavior, int failingIndex = -1)
    {
        _behavior = behavior;
        Count = count;
        FailingIndex = failingIndex;
        _remote = new DiagnosticWorkload(
            count,
            behavior switch
            {
                ProbeBehavior.FailAtIndex => DiagnosticBehavior.FailAtIndex,
                ProbeBehavior.BlockUntilCancelled => DiagnosticBehavior.BlockUntilCancelled,
                _ => DiagnosticBehavior.Square,
            },
            failingIndex,
            markerFolder: _markers.Folder);
    }

    public string Id => DiagnosticWorkload.WorkloadId;

    public int Count { get; }

    public int FailingIndex { get; }

    /// <summary>Gets how many items started: in this process, or in a worker (as its markers show).</summary>
    public int Started => Volatile.Read(ref _started) + _markers.Started;

    /// <summary>Gets how many items are running: in this process, or in a live worker (as its markers show).</summary>
    public int Running => Volatile.Read(ref _running) + _markers.Running;

    /// <summary>Gets how many requests were written for workers (a request is not a start: the worker may never read it).</summary>
    public int Dispatched => Volatile.Read(ref _dispatched);

    /// <summary>
    /// Gets or sets a source cancelled by the first item as it starts, on the item's own thread: a test of
    /// cancellation then needs no other thread (a starved thread pool cannot delay it).
    /// </summary>
    public CancellationTokenSource? CancelOnFirstStart { get; set; }

    public static string FailureMessage(int index) => DiagnosticWorkload.FailureMessage(index);

    public int Execute(int index, CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            if (_behavior == ProbeBehavior.BlockUntilCancelled)
            {
                cancellationToken.WaitHandle.WaitOne();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return Outcome(index);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public async ValueTask<int> ExecuteAsync(int index, CancellationToken cancellationToken)
    {
        Enter();
        try
        {
            await Task.Yield();
            if (_behavior == ProbeBehavior.BlockUntilCancelled)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return Outcome(index);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    // What an item gives once any waiting is over: a failure at the failing index, the square elsewhere.
    private int Outcome(int index) =>
        _behavior == ProbeBehavior.FailAtIndex && index == FailingIndex
            ? throw new InvalidOperationException(FailureMessage(index))
            : index * index;

    private void Enter()
    {
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _running);
        if (_firstStarted.TrySetResult())
        {
            CancelOnFirstStart?.Cancel();
        }
    }

    /// <summary>Waits until an item has started, here or in a worker; throws when <see cref="Eventually.Bound"/> passes first.</summary>
    public Task WhenStartedAsync() => Eventually.TrueAsync(() => Started > 0);

    public void WriteRequest(int index, IBufferWriter<byte> writer)
    {
        Interlocked.Increment(ref _dispatched);
        _remote.WriteRequest(index, writer);
    }

    public int ReadResult(ReadOnlySequence<byte> payload) => _remote.ReadResult(payload);

    public void Dispose() => _markers.Dispose();
}
