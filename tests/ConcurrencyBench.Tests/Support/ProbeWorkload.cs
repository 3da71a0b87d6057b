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
/// In a worker process it runs as the registered diagnostic workload; there, "started" counts dispatches.
/// </summary>
public sealed class ProbeWorkload(int count, ProbeBehavior behavior, int failingIndex = -1) : IRemoteWorkload<int>
{
    private readonly DiagnosticWorkload _remote = new(
        count,
        behavior switch
        {
            ProbeBehavior.FailAtIndex => DiagnosticBehavior.FailAtIndex,
            ProbeBehavior.BlockUntilCancelled => DiagnosticBehavior.BlockUntilCancelled,
            _ => DiagnosticBehavior.Square,
        },
        failingIndex);

    private int _started;
    private int _running;
    private readonly TaskCompletionSource _firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id => DiagnosticWorkload.WorkloadId;

    public int Count { get; } = count;

    public int FailingIndex { get; } = failingIndex;

    public int Started => Volatile.Read(ref _started);

    public int Running => Volatile.Read(ref _running);

    /// <summary>Completes when the first item has started.</summary>
    public Task FirstStarted => _firstStarted.Task;

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
            if (behavior == ProbeBehavior.BlockUntilCancelled)
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
            if (behavior == ProbeBehavior.BlockUntilCancelled)
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
        behavior == ProbeBehavior.FailAtIndex && index == FailingIndex
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

    public void WriteRequest(int index, IBufferWriter<byte> writer)
    {
        // A dispatch to a worker: counted as a start; the worker's answer is not awaited here.
        Enter();
        Interlocked.Decrement(ref _running);
        _remote.WriteRequest(index, writer);
    }

    public int ReadResult(ReadOnlySequence<byte> payload) => _remote.ReadResult(payload);
}
