using System.Diagnostics;
using System.Runtime.ExceptionServices;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Strategies;

/// <summary>
/// One run of a workload under a strategy: holds the results, records failures and stops the remaining items
/// after the first one, and turns the outcome into the strategy contract (results, lowest-index failure, or cancellation).
/// </summary>
internal sealed class WorkScope<TResult> : IDisposable
{
    private readonly IWorkload<TResult> _workload;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource _stop;
    private readonly Lock _gate = new();
    private int _failedIndex = int.MaxValue;
    private Exception? _failure;

    public WorkScope(IWorkload<TResult> workload, CancellationToken callerToken)
    {
        _workload = workload;
        _callerToken = callerToken;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        Results = new TResult[workload.Count];
    }

    public IWorkload<TResult> Workload => _workload;

    public int Count => Results.Length;

    public TResult[] Results { get; }

    /// <summary>Gets the token the items run under: cancelled by the caller or by the first failure.</summary>
    public CancellationToken Token => _stop.Token;

    public bool IsStopped => _stop.IsCancellationRequested;

    /// <summary>Runs item <paramref name="index"/> on this thread, unless the run is stopping; never throws.</summary>
    public void Run(int index)
    {
        if (IsStopped)
        {
            return;
        }

        try
        {
            Results[index] = _workload.Execute(index, Token);
        }
        catch (Exception ex)
        {
            Fail(index, ex);
        }
    }

    /// <summary>Runs item <paramref name="index"/> asynchronously, unless the run is stopping; never throws.</summary>
    public async ValueTask RunAsync(int index)
    {
        if (IsStopped)
        {
            return;
        }

        try
        {
            Results[index] = await _workload.ExecuteAsync(index, Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(index, ex);
        }
    }

    /// <summary>Records that item <paramref name="index"/> failed, and stops the items not yet started.</summary>
    public void Fail(int index, Exception exception)
    {
        Debug.Assert(exception is not null);
        if (exception is OperationCanceledException && IsStopped)
        {
            // The item stopped because the run is stopping: that is not a failure of its own.
            return;
        }

        lock (_gate)
        {
            if (index < _failedIndex)
            {
                _failedIndex = index;
                _failure = exception;
            }
        }

        _stop.Cancel();
    }

    /// <summary>Call once every started item has finished: returns the results or throws the outcome.</summary>
    public TResult[] Complete()
    {
        _callerToken.ThrowIfCancellationRequested();
        if (_failure is not null)
        {
            ExceptionDispatchInfo.Throw(_failure);
        }

        return Results;
    }

    public void Dispose() => _stop.Dispose();
}
