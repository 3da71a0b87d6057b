using ConcurrencyBench.Strategies;

namespace ConcurrencyBench.Processes;

/// <summary>
/// One slot of a <see cref="ProcessPool"/> for one run: it keeps up to <see cref="ProcessStrategyOptions.InFlightPerWorker"/>
/// items in flight on the slot's worker, taking each from the run's shared queue as its window opens, and replaces the
/// worker when it is lost.
/// </summary>
/// <remarks>
/// A worker computes the pool's items one at a time, in the order sent (<see cref="WorkloadRegistry.RunsInOrder"/>),
/// so the oldest item it has not answered is the one it is computing. The item timeout runs from the moment an item
/// becomes the oldest, and a lost worker charges that item alone an attempt: the items queued behind it never
/// started, and go to the replacement uncharged, before any item the slot has not taken yet. An item is in the
/// window, or queued to go again, or settled: never two of these, so none is lost and none answered twice.
/// </remarks>
/// <typeparam name="TResult">The result of one item.</typeparam>
internal sealed class PoolSlot<TResult>
{
    // Workers that die after their handshake and before they receive anything have a start problem, not the item's:
    // after this many in a row the item fails as never sent.
    private const int MaxUndelivered = 3;

    private readonly ProcessPool _pool;
    private readonly int _slot;
    private readonly WorkScope<TResult> _scope;
    private readonly IRemoteWorkload<TResult> _workload;
    private readonly Func<int> _next;
    private readonly ProcessStrategyOptions _options;

    // Sent to the current worker and not yet settled, oldest first.
    private readonly Queue<(int Index, Task<ReadOnlyMemory<byte>> Answer)> _window = new();

    // Taken by this slot and not in flight: the items a lost worker held, oldest first, or one taken before its worker was there.
    private readonly Queue<int> _again = new();

    // The attempts charged so far, for the items that lost a worker.
    private Dictionary<int, (int Lost, int Undelivered)>? _charges;
    private bool _drained;

    // Kills the watched worker when its oldest item has taken longer than the item timeout; re-armed as each item
    // becomes the oldest.
    private WorkerProcess? _watched;
    private CancellationTokenSource? _watchdog;
    private CancellationTokenRegistration _killOnTimeout;
    private int _armedFor = -1;

    public PoolSlot(ProcessPool pool, int slot, WorkScope<TResult> scope, IRemoteWorkload<TResult> workload, Func<int> next, ProcessStrategyOptions options)
    {
        _pool = pool;
        _slot = slot;
        _scope = scope;
        _workload = workload;
        _next = next;
        _options = options;
    }

    /// <summary>Runs the slot until the queue is empty or the run stops; never throws.</summary>
    public async Task RunAsync()
    {
        WorkerProcess? worker = null;
        try
        {
            while (true)
            {
                if (_scope.IsStopped)
                {
                    if (worker is not null && _window.Count > 0)
                    {
                        // Items of a stopped run may still be computing.
                        await LoseAsync(worker).ConfigureAwait(false);
                    }

                    return;
                }

                if (_window.Count == 0)
                {
                    if (_again.Count == 0)
                    {
                        if (!TryTakeNew(out int index))
                        {
                            return;
                        }

                        // Taken before its worker is there: a start failure names it.
                        _again.Enqueue(index);
                    }

                    worker = await WorkerAsync().ConfigureAwait(false);
                    if (worker is null)
                    {
                        return;
                    }
                }

                Fill(worker!);
                (int oldest, Task<ReadOnlyMemory<byte>> answer) = _window.Peek();
                (AttemptOutcome outcome, Exception? error) = await RemoteItem.SettleAsync(_scope, _workload, oldest, worker!, answer).ConfigureAwait(false);
                if (outcome == AttemptOutcome.Done)
                {
                    _window.Dequeue();
                    if (_window.Count > 0)
                    {
                        Arm(_window.Peek().Index);
                    }

                    continue;
                }

                if (outcome is AttemptOutcome.WorkerLost or AttemptOutcome.Undelivered && TimedOut(oldest))
                {
                    (outcome, error) = (AttemptOutcome.WorkerLost, RemoteItem.TimedOut(_workload, oldest, worker!, _options.ItemTimeout));
                }

                await LoseAsync(worker!).ConfigureAwait(false);
                worker = null;
                if (outcome == AttemptOutcome.Stopped)
                {
                    return;
                }

                SendAgain(outcome, error!);
            }
        }
        finally
        {
            Unwatch();
        }
    }

    // The slot's live worker, started in place of a lost one when needed; null when the slot must stop (the failure,
    // if any, is recorded against the item it was for).
    private async Task<WorkerProcess?> WorkerAsync()
    {
        WorkerProcess worker;
        try
        {
            worker = await _pool.EnsureWorkerAsync(_slot, _scope.Token, replacing: true).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_scope.IsStopped)
        {
            return null;
        }
        catch (WorkerExitedException ex)
        {
            // A start failure is the run's, not the item's: the item was never sent, and no attempt is spent.
            int index = _again.Peek();
            _scope.Fail(index, new WorkerExitedException($"no worker could be started for item {index} of {_workload.Id}: {ex.Message}"));
            return null;
        }
        catch (Exception ex) when (ex is WorkerProtocolException or ObjectDisposedException)
        {
            _scope.Fail(_again.Peek(), ex);
            return null;
        }

        Watch(worker);
        return worker;
    }

    // Sends items until the window is full: first those to send again, then new ones from the shared queue. The first
    // of a window is always sent (a worker found dead then is how an undelivered item is seen); after it, a worker
    // known to be gone gets no more.
    private void Fill(WorkerProcess worker)
    {
        while (_window.Count < _options.InFlightPerWorker && (_window.Count == 0 || !worker.HasExited))
        {
            int index;
            if (_again.Count > 0)
            {
                index = _again.Dequeue();
            }
            else if (!TryTakeNew(out index))
            {
                return;
            }

            if (_window.Count == 0)
            {
                Arm(index);
            }

            _window.Enqueue((index, worker.RequestAsync(_workload.Id, w => _workload.WriteRequest(index, w), _scope.Token)));
        }
    }

    private bool TryTakeNew(out int index)
    {
        if (!_drained && (index = _next()) < _scope.Count)
        {
            return true;
        }

        _drained = true;
        index = -1;
        return false;
    }

    // The worker is done for: it is killed (it may be computing, or hung) and removed from its slot, and every request
    // still in the window has its answer (the end of the conversation) before anything is sent again.
    private async Task LoseAsync(WorkerProcess worker)
    {
        worker.Kill();
        await _pool.RetireAsync(_slot, worker).ConfigureAwait(false);
        Unwatch();
        foreach ((_, Task<ReadOnlyMemory<byte>> answer) in _window)
        {
            await ((Task)answer).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _ = answer.Exception;
        }
    }

    // After a lost worker: the oldest item (the one it was computing, or the one it never received) is charged, and
    // fails when out of attempts; the items behind it go again uncharged, in order, ahead of the rest.
    private void SendAgain(AttemptOutcome outcome, Exception error)
    {
        int oldest = _window.Dequeue().Index;
        int[] queued = [.. _window.Select(s => s.Index), .. _again];
        _window.Clear();
        _again.Clear();
        if (!Charge(oldest, outcome, error))
        {
            _again.Enqueue(oldest);
        }

        foreach (int index in queued)
        {
            _again.Enqueue(index);
        }
    }

    // Charges an item for a worker lost while it was the item's, or found gone when the item was sent; true when it
    // failed. An item is charged only for the workers that died while it was theirs: a worker found dead when its
    // request was sent (it died idle) costs it nothing, unless that happens again and again.
    private bool Charge(int index, AttemptOutcome outcome, Exception error)
    {
        _charges ??= [];
        (int lost, int undelivered) = _charges.GetValueOrDefault(index);
        (lost, undelivered) = outcome == AttemptOutcome.Undelivered ? (lost, undelivered + 1) : (lost + 1, 0);
        _charges[index] = (lost, undelivered);
        if (lost == _options.MaxAttempts)
        {
            _scope.Fail(index, Exhausted(index, lost, error));
            return true;
        }

        if (undelivered == MaxUndelivered)
        {
            _scope.Fail(index, new WorkerExitedException(
                $"item {index} of {_workload.Id} was never sent: {undelivered} workers in a row were gone before its request reached them (they die after starting); last: {error.Message.TrimEnd('.')}."));
            return true;
        }

        return false;
    }

    private Exception Exhausted(int index, int attempts, Exception lastError) =>
        lastError is TimeoutException
            ? new TimeoutException($"item {index} of {_workload.Id} failed: it timed out on {attempts} workers, each killed and replaced; last: {lastError.Message}.", lastError)
            : new WorkerExitedException($"item {index} of {_workload.Id} failed: {attempts} workers were lost while computing it; last: {lastError.Message.TrimEnd('.')}.");

    private void Watch(WorkerProcess worker)
    {
        if (ReferenceEquals(worker, _watched))
        {
            return;
        }

        Unwatch();
        _watched = worker;
        _watchdog = new CancellationTokenSource();
        _killOnTimeout = _watchdog.Token.UnsafeRegister(static w => ((WorkerProcess)w!).Kill(), worker);
    }

    private void Unwatch()
    {
        _killOnTimeout.Dispose();
        _watchdog?.Dispose();
        _watchdog = null;
        _watched = null;
        _armedFor = -1;
    }

    // Item index is the oldest in flight now: the worker is computing it, and has the item timeout from now.
    private void Arm(int index)
    {
        _armedFor = index;
        _watchdog!.CancelAfter(_options.ItemTimeout);
    }

    // Whether the worker was killed because item index, the oldest, took longer than the item timeout.
    private bool TimedOut(int index) => _watchdog is { IsCancellationRequested: true } && _armedFor == index && !_scope.IsStopped;
}
