using System.Collections.Concurrent;
using ConcurrencyBench.Cluster.Grains;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Processes.Protocol;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace ConcurrencyBench.Cluster;

/// <summary>
/// Runs a workload's items as grain calls on an <see cref="OrleansCluster"/>: worker slots pull items (or chunks of
/// <see cref="ChunkSize"/> consecutive items) from one queue, one call at a time each, and results come back in input
/// order. Only the workload's registered id and each item's
/// request bytes cross the wire. A call lost with its silo (or timed out) is retried on a live silo (the work is
/// idempotent); an item that fails on its own is not. The death of the primary ends the run with
/// <see cref="ClusterPrimaryLostException"/>.
/// </summary>
public sealed class ClusterStrategy : IConcurrencyStrategy
{
    private const int MaxProbedKeys = 64;

    // A key probe that has not answered in this long is routed through a silo that is going (the client has not yet
    // seen its gateway die): the next key goes elsewhere, instead of waiting out the response timeout.
    private static readonly TimeSpan KeyProbeTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(500);

    private readonly OrleansCluster _cluster;
    private readonly ClusterPlacement _placement;
    private readonly int _workersPerSilo;
    private readonly int _chunkSize;
    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);
    private readonly ConcurrentDictionary<int, long> _itemsPerSilo = new();
    private readonly ConcurrentDictionary<long, int> _siloOfKey = new();
    private IReadOnlyDictionary<int, long> _lastRun = new Dictionary<int, long>();
    private long[]? _workerKeys;
    private int _workerKeysLosses = -1;

    internal ClusterStrategy(OrleansCluster cluster, ClusterPlacement placement, int workersPerSilo, int chunkSize)
    {
        _cluster = cluster;
        _placement = placement;
        _workersPerSilo = workersPerSilo;
        _chunkSize = chunkSize;
    }

    /// <summary>The largest <see cref="ChunkSize"/>, as the process pool's (<see cref="ProcessStrategyOptions.MaxChunkSize"/>):
    /// a few hundred small items already make a call's cost negligible beside their work, and a larger chunk would
    /// only unbalance the end of a run. A grain refuses a larger chunk.</summary>
    public const int MaxChunkSize = ProcessStrategyOptions.MaxChunkSize;

    /// <inheritdoc />
    public string Name => _placement == ClusterPlacement.OneWorkerPerSilo
        ? $"ClusterOneWorkerPerSilo({_cluster.ActiveSilosAtStart} silos{ChunksInName})"
        : $"Cluster({_cluster.ActiveSilosAtStart} silos, {_workersPerSilo} per silo{ChunksInName})";

    private string ChunksInName => _chunkSize > 1 ? $", chunks of {_chunkSize}" : "";

    /// <summary>Gets how items are spread over the silos.</summary>
    public ClusterPlacement Placement => _placement;

    /// <summary>
    /// Gets how many consecutive items a worker slot takes from the queue and sends in one grain call (a chunk), 1 to
    /// <see cref="MaxChunkSize"/>; 1 makes one call per item. A chunk's items run one after another on the silo and
    /// are answered each on its own: one failing fails alone. A call lost with its silo, timed out or refused is made
    /// again whole on a live silo (the work is idempotent), as a single item's is; the call's response timeout
    /// (<see cref="ClusterStartOptions.ResponseTimeout"/>) then covers all its items together.
    /// </summary>
    public int ChunkSize => _chunkSize;

    /// <summary>Gets how many items each silo ran (by silo index) since the strategy was created or
    /// <see cref="ResetItemsPerSilo"/>: answers only, not calls lost with a silo.</summary>
    public IReadOnlyDictionary<int, long> ItemsPerSilo => new SortedDictionary<int, long>(_itemsPerSilo);

    /// <summary>Gets how many items each silo ran (by silo index) in the last run.</summary>
    public IReadOnlyDictionary<int, long> LastRunItemsPerSilo => Volatile.Read(ref _lastRun);

    /// <summary>Sets every silo's count of items to zero.</summary>
    public void ResetItemsPerSilo() => _itemsPerSilo.Clear();

    /// <inheritdoc />
    /// <remarks>Runs one workload at a time; a second call waits for the first. Workloads without a remote form
    /// (<see cref="IRemoteWorkload{TResult}"/>) throw <see cref="ArgumentException"/>.</remarks>
    public async Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        IRemoteWorkload<TResult> remote = RemoteItem.RequireRemote(workload);
        ObjectDisposedException.ThrowIf(_cluster.IsDisposed, _cluster);
        if (_cluster.Health.PrimaryLost is { } lost)
        {
            throw lost;
        }

        await _oneRunAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        var thisRun = new ConcurrentDictionary<int, long>();
        try
        {
            long[] keys = remote.Count == 0 ? [] : await WorkerKeysAsync(cancellationToken).ConfigureAwait(false);
            return await StrategyRun.Async(workload, cancellationToken, scope =>
            {
                // Each slot takes its next item, or its next chunk of consecutive items (smaller toward the end), from
                // one shared queue.
                int slots = Math.Min(keys.Length, (scope.Count + _chunkSize - 1) / _chunkSize);
                var queue = new ItemQueue(scope.Count, Math.Max(1, slots));
                return Task.WhenAll(keys.Take(slots).Select(key => DispatchAsync(key, scope, remote, queue, thisRun)));
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (_cluster.Health.PrimaryLost is { } primaryLost && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // One clear line: whatever the items saw while the cluster fell apart, the cause is the primary's death.
            throw primaryLost;
        }
        finally
        {
            Volatile.Write(ref _lastRun, new SortedDictionary<int, long>(thisRun));
            _oneRunAtATime.Release();
        }
    }

    private async Task DispatchAsync<TResult>(long key, WorkScope<TResult> scope, IRemoteWorkload<TResult> workload, ItemQueue queue, ConcurrentDictionary<int, long> thisRun)
    {
        while (!scope.IsStopped && queue.Take(_chunkSize) is (int first, > 0 and var count))
        {
            if (!await RunItemsAsync(key, scope, workload, first, count, thisRun).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    // Items first..first+count-1 in one call (a single item as today's call, more as one chunk) until they have their
    // answers, fail, or the run stops; false when this slot should stop. A retryable error retries the whole call on a
    // live silo: the work is idempotent, and no item of a call is settled before its answer comes.
    private async Task<bool> RunItemsAsync<TResult>(long key, WorkScope<TResult> scope, IRemoteWorkload<TResult> workload, int first, int count, ConcurrentDictionary<int, long> thisRun)
    {
        var indices = new List<int>(count);
        var requests = new List<byte[]>(count);
        for (int index = first; index < first + count; index++)
        {
            try
            {
                using var writer = new PooledBufferWriter();
                workload.WriteRequest(index, writer);
                requests.Add(writer.WrittenMemory.ToArray());
                indices.Add(index);
            }
            catch (Exception ex)
            {
                scope.Fail(index, ex);
            }
        }

        if (indices.Count == 0)
        {
            return true;
        }

        long firstFailure = 0;
        TimeSpan backoff = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            if (_cluster.Health.PrimaryLost is { } primaryLost)
            {
                scope.Fail(indices[0], primaryLost);
                return false;
            }

            (ItemResponse[]? responses, Exception? error) = await AttemptAsync(key, workload.Id, requests, scope.Token).ConfigureAwait(false);
            if (responses is not null)
            {
                return Complete(key, scope, workload, indices, responses, thisRun);
            }

            if (scope.IsStopped)
            {
                return false;
            }

            if (error is not null && !IsRetryable(error))
            {
                FailAll(scope, indices, error);
                return true;
            }

            // Lost with its silo, timed out, or refused while the cluster settles: again, on a live silo.
            long now = System.Diagnostics.Stopwatch.GetTimestamp();
            firstFailure = firstFailure == 0 ? now : firstFailure;
            if (_cluster.Health.PrimaryLost is null && System.Diagnostics.Stopwatch.GetElapsedTime(firstFailure, now) > _cluster.FailoverTimeout)
            {
                string items = indices.Count == 1 ? $"item {indices[0]}" : $"item {indices[0]} (the first of a chunk of {indices.Count})";
                FailAll(scope, indices, new TimeoutException(
                    $"{items} of {workload.Id} found no live silo to run it within {_cluster.FailoverTimeout.TotalSeconds:0.#} s; last: {error?.Message}", error));
                return true;
            }

            try
            {
                await Task.Delay(backoff, scope.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    private static void FailAll<TResult>(WorkScope<TResult> scope, List<int> indices, Exception error)
    {
        foreach (int index in indices)
        {
            scope.Fail(index, error);
        }
    }

    // One grain call, given up at once when the silo it waits on dies (its answer would never come).
    private async Task<(ItemResponse[]? Responses, Exception? Error)> AttemptAsync(long key, string workloadId, List<byte[]> requests, CancellationToken runToken)
    {
        ClusterHealth health = _cluster.Health;
        Task loss = health.NextLoss;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(runToken);
        Task<ItemResponse[]> call;
        try
        {
            call = Call(key, workloadId, requests, attempt.Token);
        }
        catch (Exception ex)
        {
            return (null, ex);
        }

        while (!call.IsCompleted)
        {
            await Task.WhenAny(call, loss).ConfigureAwait(false);
            if (call.IsCompleted)
            {
                break;
            }

            // A silo died. The call is lost if it waits on that silo, on the primary, or on a silo not known yet.
            bool known = _siloOfKey.TryGetValue(key, out int silo);
            if (health.PrimaryLost is not null || !known || health.IsLost(silo))
            {
                // The grain is told to stop, in case it lives; the call itself is left to end on its own.
                await attempt.CancelAsync().ConfigureAwait(false);
                _ = call.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                _siloOfKey.TryRemove(key, out _);
                return (null, new SiloUnavailableException($"the silo running grain {key} died while the call waited on it"));
            }

            loss = health.NextLoss;
        }

        try
        {
            return (await call.ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (runToken.IsCancellationRequested)
        {
            return (null, null);
        }
        catch (Exception ex)
        {
            return (null, ex);
        }
    }

    // A strategy without chunks makes exactly the one-item call; with chunks, every call is a chunk call (one item
    // at the end of a run included), so that the chunk path is the one the warm-up and the measurement both take.
    private Task<ItemResponse[]> Call(long key, string workloadId, List<byte[]> requests, CancellationToken cancellationToken)
    {
        if (_chunkSize == 1)
        {
            Task<ItemResponse> one = _placement == ClusterPlacement.OneWorkerPerSilo
                ? _cluster.Client.GetGrain<ISiloWorkerGrain>(key).RunAsync(workloadId, requests[0], cancellationToken)
                : _cluster.Client.GetGrain<IItemGrain>(key).RunAsync(workloadId, requests[0], cancellationToken);
            return AsOne(one);
        }

        byte[][] chunk = [.. requests];
        return _placement == ClusterPlacement.OneWorkerPerSilo
            ? _cluster.Client.GetGrain<ISiloWorkerGrain>(key).RunChunkAsync(workloadId, chunk, cancellationToken)
            : _cluster.Client.GetGrain<IItemGrain>(key).RunChunkAsync(workloadId, chunk, cancellationToken);
    }

    private static async Task<ItemResponse[]> AsOne(Task<ItemResponse> call) => [await call.ConfigureAwait(false)];

    // Settles each item of an answered call on its own, exactly once, and counts it for the silo that ran it.
    private bool Complete<TResult>(long key, WorkScope<TResult> scope, IRemoteWorkload<TResult> workload, List<int> indices, ItemResponse[] responses, ConcurrentDictionary<int, long> thisRun)
    {
        if (responses.Length != indices.Count || Array.IndexOf(responses, null) >= 0)
        {
            FailAll(scope, indices, new WorkerProtocolException(WorkerErrorCode.MalformedFrame,
                $"grain {key} answered a call of {indices.Count} items of {workload.Id} with {responses.Length} responses, or a null one"));
            return true;
        }

        _siloOfKey[key] = responses[0].SiloIndex;
        for (int i = 0; i < indices.Count; i++)
        {
            Complete(scope, workload, indices[i], responses[i], thisRun);
        }

        return true;
    }

    private void Complete<TResult>(WorkScope<TResult> scope, IRemoteWorkload<TResult> workload, int index, ItemResponse response, ConcurrentDictionary<int, long> thisRun)
    {
        _itemsPerSilo.AddOrUpdate(response.SiloIndex, 1, static (_, n) => n + 1);
        thisRun.AddOrUpdate(response.SiloIndex, 1, static (_, n) => n + 1);
        switch (response.Status)
        {
            case ItemStatus.Completed:
                try
                {
                    scope.Results[index] = workload.ReadResult(new System.Buffers.ReadOnlySequence<byte>(response.Payload));
                }
                catch (Exception ex)
                {
                    scope.Fail(index, ex);
                }

                break;
            case ItemStatus.UnknownWorkload:
                scope.Fail(index, new WorkerProtocolException(WorkerErrorCode.UnknownWorkload, response.Error ?? "unknown workload"));
                break;
            default:
                scope.Fail(index, new RemoteItemException($"item {index} of {workload.Id} failed on silo {response.SiloIndex}: {response.Error}"));
                break;
        }
    }

    private static bool IsRetryable(Exception error) =>
        error is TimeoutException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException
            or OperationCanceledException;

    // The grain keys of this run's worker slots. Distinct keys: slots 0..N*W-1, placed evenly by key. One worker per
    // silo: a stateless worker lives where the call arrives, and the client sends every call of one key through one
    // gateway, so keys are probed until each live silo has one.
    private async Task<long[]> WorkerKeysAsync(CancellationToken cancellationToken)
    {
        int live = _cluster.LiveSilos;
        if (_placement == ClusterPlacement.DistinctKeys)
        {
            return [.. Enumerable.Range(0, live * _workersPerSilo).Select(k => (long)k)];
        }

        int losses = _cluster.Health.LostCount;
        if (_workerKeys is { } cached && _workerKeysLosses == losses)
        {
            return cached;
        }

        var bySilo = new SortedDictionary<int, long>();
        for (long key = 0; key < MaxProbedKeys && bySilo.Count < live; key++)
        {
            try
            {
                int silo = await _cluster.Client.GetGrain<ISiloWorkerGrain>(key).SiloIndexAsync().WaitAsync(losses == 0 ? Timeout.InfiniteTimeSpan : KeyProbeTimeout, cancellationToken).ConfigureAwait(false);
                if (!_cluster.Health.IsLost(silo) && bySilo.TryAdd(silo, key))
                {
                    _siloOfKey[key] = silo;
                }
            }
            catch (Exception ex) when (IsRetryable(ex) && !cancellationToken.IsCancellationRequested)
            {
                // A key routed through a silo that is going: the next one goes elsewhere.
            }
        }

        if (bySilo.Count == 0)
        {
            throw new InvalidOperationException($"no silo answered the first {MaxProbedKeys} stateless-worker keys.");
        }

        _workerKeys = [.. bySilo.Values];
        _workerKeysLosses = losses;
        return _workerKeys;
    }
}
