using System.Buffers.Binary;
using System.Text;
using ConcurrencyBench.Processes.Protocol;
using ConcurrencyBench.Strategies;

namespace ConcurrencyBench.Processes;

/// <summary>
/// One slot of a <see cref="ProcessPool"/> for one run: it keeps up to <see cref="ProcessStrategyOptions.InFlightPerWorker"/>
/// requests in flight on the slot's worker, each a single item or a chunk of <see cref="ProcessStrategyOptions.ChunkSize"/>
/// items, taking their items from the run's shared queue as its window opens, and replaces the worker when it is lost.
/// </summary>
/// <remarks>
/// A worker computes the pool's requests one at a time, in the order sent (<see cref="WorkloadRegistry.RunsInOrder"/>),
/// and a chunk's items one after another, so the oldest request it has not answered is the one it is computing. The
/// timeout runs from the moment a request becomes the oldest (an item's timeout for each of its items). A worker lost
/// while its oldest request is a single item charges that item alone an attempt; one lost while it holds a chunk
/// charges none (which of its items was computing cannot be known). Either way every item the worker held goes again,
/// one item per request (where the next loss is charged exactly), before any item the slot has not sent yet: the
/// items queued behind never started. An item is in the window, or queued to go again, or taken and not yet sent, or
/// settled: never two of these, so none is lost and none answered twice.
/// </remarks>
/// <typeparam name="TResult">The result of one item.</typeparam>
internal sealed class PoolSlot<TResult>
{
    // Workers that die after their handshake and before they receive anything have a start problem, not the item's:
    // after this many in a row the item fails as never sent.
    private const int MaxUndelivered = 3;

    // Starts of the slot's worker that fail in a row before the run fails as a start failure: one start can be killed
    // (a worker can die at any moment, in its start too); a program that is missing or dies in every start fails all.
    private const int MaxStartsInARow = 3;

    private readonly ProcessPool _pool;
    private readonly int _slot;
    private readonly WorkScope<TResult> _scope;
    private readonly IRemoteWorkload<TResult> _workload;
    private readonly ItemQueue _queue;
    private readonly int _chunkSize;
    private readonly ProcessStrategyOptions _options;

    // Sent to the current worker and not yet settled, oldest first.
    private readonly Queue<Request> _window = new();

    // Taken by this slot to go again, one item per request, oldest first: the items a lost worker held.
    private readonly Queue<int> _again = new();

    // Taken from the shared queue and not sent yet: the items from _freshStart to _freshEnd (excluded).
    private int _freshStart;
    private int _freshEnd;

    // The attempts charged so far, for the items that lost a worker.
    private Dictionary<int, (int Lost, int Undelivered)>? _charges;
    private bool _drained;
    private long _requests;

    // Kills the watched worker when its oldest request has taken longer than its timeout; re-armed as each request
    // becomes the oldest.
    private WorkerProcess? _watched;
    private CancellationTokenSource? _watchdog;
    private CancellationTokenRegistration _killOnTimeout;
    private long _armedFor = -1;

    /// <summary>Creates the slot for one run.</summary>
    /// <param name="pool">The pool whose worker the slot uses.</param>
    /// <param name="slot">The slot's index.</param>
    /// <param name="scope">The run.</param>
    /// <param name="workload">The run's workload.</param>
    /// <param name="queue">The run's shared queue of items.</param>
    /// <param name="chunkSize">The most items one request carries in this run.</param>
    /// <param name="options">The pool's settings.</param>
    public PoolSlot(ProcessPool pool, int slot, WorkScope<TResult> scope, IRemoteWorkload<TResult> workload, ItemQueue queue, int chunkSize, ProcessStrategyOptions options)
    {
        _pool = pool;
        _slot = slot;
        _scope = scope;
        _workload = workload;
        _queue = queue;
        _chunkSize = chunkSize;
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
                    // Taken before its worker is there: a start failure names the first item.
                    if (_again.Count == 0 && _freshStart == _freshEnd && !TakeFresh())
                    {
                        return;
                    }

                    worker = await WorkerAsync().ConfigureAwait(false);
                    if (worker is null)
                    {
                        return;
                    }
                }

                Fill(worker!);
                if (_window.Count == 0)
                {
                    // Every item taken failed on its own before it could be sent (the run stops).
                    continue;
                }

                Request oldest = _window.Peek();
                (AttemptOutcome outcome, Exception? error) = oldest.Chunk is null
                    ? await RemoteItem.SettleAsync(_scope, _workload, oldest.Index, worker!, (Task<ReadOnlyMemory<byte>>)oldest.Answer).ConfigureAwait(false)
                    : await RemoteItem.SettleChunkAsync(_scope, _workload, oldest.Chunk, worker!, (Task<ChunkItemAnswer[]>)oldest.Answer).ConfigureAwait(false);
                if (outcome == AttemptOutcome.Done)
                {
                    _window.Dequeue();
                    if (_window.Count > 0)
                    {
                        Arm(_window.Peek());
                    }

                    continue;
                }

                if (oldest.Chunk is null && outcome is AttemptOutcome.WorkerLost or AttemptOutcome.Undelivered && TimedOut(oldest))
                {
                    (outcome, error) = (AttemptOutcome.WorkerLost, RemoteItem.TimedOut(_workload, oldest.Index, worker!, _options.ItemTimeout));
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
        for (int start = 1; ; start++)
        {
            try
            {
                worker = await _pool.EnsureWorkerAsync(_slot, _scope.Token, replacing: true).ConfigureAwait(false);
                break;
            }
            catch (OperationCanceledException) when (_scope.IsStopped)
            {
                return null;
            }
            catch (WorkerExitedException) when (start < MaxStartsInARow && !_scope.IsStopped)
            {
                // A replacement that died in its own start (killed while it started, as a worker can be at any
                // moment) is started again: only starts that fail again and again are the run's failure.
            }
            catch (WorkerExitedException ex)
            {
                // A start failure is the run's, not the item's: the item was never sent, and no attempt is spent.
                int index = NextToSend;
                _scope.Fail(index, new WorkerExitedException($"no worker could be started for item {index} of {_workload.Id} ({start} starts in a row failed): {ex.Message}"));
                return null;
            }
            catch (Exception ex) when (ex is WorkerProtocolException or ObjectDisposedException)
            {
                _scope.Fail(NextToSend, ex);
                return null;
            }
        }

        Watch(worker);
        return worker;
    }

    private int NextToSend => _again.Count > 0 ? _again.Peek() : _freshStart;

    // Sends requests until the window is full: first the items to send again, one per request, then new ones from the
    // shared queue, in chunks when the run has them. The first of a window is always sent (a worker found dead then
    // is how an undelivered request is seen); after it, a worker known to be gone gets no more. At the end of a run
    // the window closes: a busy worker takes no new items once fewer are left than slots, so that the last ones go to
    // whichever worker is free first instead of queueing behind another's item.
    private void Fill(WorkerProcess worker)
    {
        while (_window.Count < _options.InFlightPerWorker && (_window.Count == 0 || !worker.HasExited))
        {
            if (_again.Count > 0)
            {
                Send(worker, _again.Dequeue());
            }
            else if (_window.Count > 0 && _freshStart == _freshEnd && !_queue.EnoughForEverySlot)
            {
                return;
            }
            else if (_chunkSize == 1)
            {
                if (!TryTakeNew(out int index))
                {
                    return;
                }

                Send(worker, index);
            }
            else if (!SendChunk(worker))
            {
                return;
            }
        }
    }

    private void Send(WorkerProcess worker, int index)
    {
        long number = Begin(1);
        _window.Enqueue(new Request(number, index, null, worker.RequestAsync(_workload.Id, w => _workload.WriteRequest(index, w), _scope.Token)));
    }

    // Takes the next chunk of new items (fewer toward the end of the run) and sends them in one request (a single
    // item as a plain request); false when none was sent (the queue is empty, or the items failed on their own before
    // they could be sent).
    private bool SendChunk(WorkerProcess worker)
    {
        if (_freshStart == _freshEnd && !TakeFresh())
        {
            return false;
        }

        var payloads = new PooledBufferWriter();
        var indices = new List<int>(_freshEnd - _freshStart);
        int idBytes = Encoding.UTF8.GetByteCount(_workload.Id);
        while (_freshStart < _freshEnd)
        {
            int index = _freshStart++;
            int start = payloads.WrittenCount;
            payloads.GetSpan(ChunkFrames.RequestItemHead);
            payloads.Advance(ChunkFrames.RequestItemHead);
            try
            {
                _workload.WriteRequest(index, payloads);
            }
            catch (Exception ex)
            {
                // The workload could not encode the item: its own failure.
                payloads.ResetTo(start);
                _scope.Fail(index, ex);
                continue;
            }

            if (indices.Count > 0 && !ChunkFrames.Fits(idBytes, indices.Count + 1, payloads.WrittenCount, _options.MaxFrameSize))
            {
                // It leads the next request instead.
                payloads.ResetTo(start);
                _freshStart--;
                break;
            }

            BinaryPrimitives.WriteInt32LittleEndian(payloads.WrittenSpan[start..], payloads.WrittenCount - start - ChunkFrames.RequestItemHead);
            indices.Add(index);
        }

        if (indices.Count == 0)
        {
            payloads.Dispose();
            return false;
        }

        long number = Begin(indices.Count);
        _window.Enqueue(indices.Count == 1
            ? new Request(number, indices[0], null, Owning(payloads, worker.Connection.RequestAsync(_workload.Id, payloads.WrittenMemory[ChunkFrames.RequestItemHead..], _scope.Token)))
            : new Request(number, indices[0], [.. indices], Owning(payloads, worker.Connection.RequestChunkAsync(_workload.Id, indices.Count, payloads.WrittenMemory, _scope.Token))));
        return true;
    }

    // The payloads are the request's until it has its answer (or has failed): its frame is written from them.
    private static async Task<T> Owning<T>(PooledBufferWriter payloads, Task<T> request)
    {
        using (payloads)
        {
            return await request.ConfigureAwait(false);
        }
    }

    // Numbers the next request; the first of a window has its timeout from now, before it is written (a write to a
    // worker that reads nothing blocks, and the watchdog's kill ends it).
    private long Begin(int items)
    {
        long number = ++_requests;
        if (_window.Count == 0)
        {
            Arm(number, items);
        }

        return number;
    }

    private bool TryTakeNew(out int index)
    {
        if (_freshStart < _freshEnd || TakeFresh())
        {
            index = _freshStart++;
            return true;
        }

        index = -1;
        return false;
    }

    // Takes the next chunk's worth of items from the shared queue (fewer toward the end); false when it is empty.
    private bool TakeFresh()
    {
        if (!_drained)
        {
            (int first, int count) = _queue.Take(_chunkSize);
            if (count > 0)
            {
                (_freshStart, _freshEnd) = (first, first + count);
                return true;
            }
        }

        _drained = true;
        return false;
    }

    // The worker is done for: it is killed (it may be computing, or hung) and removed from its slot, and every request
    // still in the window has its answer (the end of the conversation) before anything is sent again.
    private async Task LoseAsync(WorkerProcess worker)
    {
        worker.Kill();
        await _pool.RetireAsync(_slot, worker).ConfigureAwait(false);
        Unwatch();
        foreach (Request request in _window)
        {
            await request.Answer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _ = request.Answer.Exception;
        }
    }

    // After a lost worker: a single oldest item (the one it was computing, or the one it never received) is charged,
    // and fails when out of attempts; a chunk's items are not (which one was computing is unknown). Every item the
    // worker held goes again uncharged, in order, one per request, ahead of the rest.
    private void SendAgain(AttemptOutcome outcome, Exception error)
    {
        Request oldest = _window.Dequeue();
        int[] queued = [.. _window.SelectMany(r => r.Items), .. _again];
        _window.Clear();
        _again.Clear();
        if (oldest.Chunk is not null)
        {
            foreach (int index in oldest.Chunk)
            {
                _again.Enqueue(index);
            }
        }
        else if (!Charge(oldest.Index, outcome, error))
        {
            _again.Enqueue(oldest.Index);
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

    // The request is the oldest in flight now: the worker is computing it, and has its timeout from now.
    private void Arm(Request request) => Arm(request.Number, request.Chunk?.Length ?? 1);

    private void Arm(long number, int items)
    {
        _armedFor = number;
        _watchdog!.CancelAfter(TimeoutFor(items));
    }

    // An item's timeout for each item of a request (infinite when past what a timer can hold).
    private TimeSpan TimeoutFor(int items) =>
        items == 1 || _options.ItemTimeout == Timeout.InfiniteTimeSpan ? _options.ItemTimeout
        : _options.ItemTimeout.TotalMilliseconds * items is var ms && ms < int.MaxValue ? TimeSpan.FromMilliseconds(ms)
        : Timeout.InfiniteTimeSpan;

    // Whether the worker was killed because the request, the oldest, took longer than its timeout.
    private bool TimedOut(Request request) => _watchdog is { IsCancellationRequested: true } && _armedFor == request.Number && !_scope.IsStopped;

    /// <summary>A request in flight: a single item (<paramref name="Chunk"/> null) or a chunk, and its answer.</summary>
    /// <param name="Number">The slot's count of requests when it was sent: which one the watchdog is armed for.</param>
    /// <param name="Index">The item, or the chunk's first.</param>
    /// <param name="Chunk">The chunk's items, in order; null for a single item.</param>
    /// <param name="Answer">A <see cref="Task{T}"/> of the result payload for a single item, of <see cref="ChunkItemAnswer"/>s for a chunk.</param>
    private readonly record struct Request(long Number, int Index, int[]? Chunk, Task Answer)
    {
        public IReadOnlyList<int> Items => Chunk ?? [Index];
    }
}
