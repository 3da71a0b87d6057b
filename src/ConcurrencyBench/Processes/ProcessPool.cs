using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Processes;

/// <summary>
/// K persistent worker processes under a supervisor: items are dispatched from a queue, one at a time per worker,
/// and results come back in input order. A worker that crashes, is killed or hangs past the item timeout is
/// replaced and its item given to the replacement; after <see cref="ProcessStrategyOptions.MaxAttempts"/> lost
/// workers the item fails with an error that names it. Starting the pool is setup, not part of a run.
/// </summary>
public sealed class ProcessPool : IConcurrencyStrategy, IAsyncDisposable
{
    // Workers that die after their handshake and before they receive anything have a start problem, not the item's:
    // after this many in a row the item fails as never sent.
    private const int MaxUndelivered = 3;

    private readonly ProcessStrategyOptions _options;
    private readonly WorkerProcess?[] _slots;
    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);
    private int _replacements;
    private bool _disposed;

    private ProcessPool(ProcessStrategyOptions options, WorkerLaunch launch)
    {
        _options = options;
        Launch = launch;
        _slots = new WorkerProcess?[options.Workers];
    }

    /// <summary>Gets how the workers are started.</summary>
    public WorkerLaunch Launch { get; }

    /// <summary>Gets the number of workers.</summary>
    public int Workers => _slots.Length;

    /// <inheritdoc />
    public string Name => $"ProcessPool({Workers}, {Launch.Flavor})";

    /// <summary>Gets how many workers were started to replace lost ones.</summary>
    public int Replacements => Volatile.Read(ref _replacements);

    /// <summary>Gets the process ids of the live workers.</summary>
    public IReadOnlyList<int> WorkerProcessIds
    {
        get
        {
            lock (_slots)
            {
                return _slots.Where(w => w is { HasExited: false }).Select(w => w!.ProcessId).ToArray();
            }
        }
    }

    /// <summary>Starts the pool's workers (each completes the handshake before this returns).</summary>
    /// <param name="options">The settings; defaults when null.</param>
    /// <param name="cancellationToken">Stops the start; started workers are ended.</param>
    public static async Task<ProcessPool> StartAsync(ProcessStrategyOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ProcessStrategyOptions();
        var pool = new ProcessPool(options, options.Validate());
        try
        {
            await Task.WhenAll(Enumerable.Range(0, pool.Workers).Select(slot => pool.EnsureWorkerAsync(slot, cancellationToken, replacing: false))).ConfigureAwait(false);
        }
        catch
        {
            await pool.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return pool;
    }

    /// <summary>Kills the worker in <paramref name="slot"/> as SIGKILL would, for tests of the supervisor.</summary>
    /// <param name="slot">The slot, from 0 to <see cref="Workers"/> - 1.</param>
    /// <returns>The process id killed, or null when the slot had no live worker.</returns>
    public int? KillWorker(int slot)
    {
        WorkerProcess? worker;
        lock (_slots)
        {
            worker = _slots[slot];
        }

        if (worker is null || worker.HasExited)
        {
            return null;
        }

        worker.Kill();
        return worker.ProcessId;
    }

    /// <summary>Gets the worker in <paramref name="slot"/>, if any (tests watch its connection).</summary>
    internal WorkerProcess? WorkerIn(int slot)
    {
        lock (_slots)
        {
            return _slots[slot];
        }
    }

    /// <inheritdoc />
    /// <remarks>Runs one workload at a time; a second call waits for the first.</remarks>
    public async Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        IRemoteWorkload<TResult> remote = RemoteItem.RequireRemote(workload);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _oneRunAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await StrategyRun.Async(workload, cancellationToken, scope =>
            {
                int next = -1;
                int Next() => Interlocked.Increment(ref next);
                return Task.WhenAll(Enumerable.Range(0, Math.Min(Workers, scope.Count)).Select(slot => DispatchAsync(slot, scope, remote, Next)));
            }).ConfigureAwait(false);
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    /// <summary>Ends every worker: their input closes and they exit; any that do not are killed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        WorkerProcess?[] workers;
        lock (_slots)
        {
            _disposed = true;
            workers = [.. _slots];
            Array.Clear(_slots);
        }

        await Task.WhenAll(workers.Where(w => w is not null).Select(w => w!.DisposeAsync().AsTask())).ConfigureAwait(false);

        // A run in progress has lost its workers and cannot start others: wait for it to end.
        await _oneRunAtATime.WaitAsync().ConfigureAwait(false);
        _oneRunAtATime.Release();
    }

    private async Task DispatchAsync<TResult>(int slot, WorkScope<TResult> scope, IRemoteWorkload<TResult> workload, Func<int> next)
    {
        int index;
        while (!scope.IsStopped && (index = next()) < scope.Count)
        {
            Exception? lastError = null;
            // An item is charged only for the workers that died while it was theirs; a worker found dead when its
            // request was sent (it died idle) costs it nothing.
            int lost = 0;
            int undelivered = 0;
            while (true)
            {
                if (lost == _options.MaxAttempts)
                {
                    scope.Fail(index, Exhausted(workload, index, lost, lastError!));
                    break;
                }

                if (undelivered == MaxUndelivered)
                {
                    scope.Fail(index, new WorkerExitedException(
                        $"item {index} of {workload.Id} was never sent: {undelivered} workers in a row were gone before its request reached them (they die after starting); last: {lastError!.Message.TrimEnd('.')}."));
                    break;
                }

                WorkerProcess worker;
                try
                {
                    worker = await EnsureWorkerAsync(slot, scope.Token, replacing: true).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (scope.IsStopped)
                {
                    return;
                }
                catch (WorkerExitedException ex)
                {
                    // A start failure is the run's, not the item's: the item was never sent, and no attempt is spent.
                    scope.Fail(index, new WorkerExitedException($"no worker could be started for item {index} of {workload.Id}: {ex.Message}"));
                    return;
                }
                catch (Exception ex) when (ex is WorkerProtocolException or ObjectDisposedException)
                {
                    scope.Fail(index, ex);
                    return;
                }

                (AttemptOutcome outcome, Exception? error) = await RemoteItem.TryRunAsync(scope, workload, index, worker, _options.ItemTimeout).ConfigureAwait(false);
                if (outcome == AttemptOutcome.Done)
                {
                    break;
                }

                await RetireAsync(slot, worker).ConfigureAwait(false);
                if (outcome == AttemptOutcome.Stopped)
                {
                    return;
                }

                if (outcome == AttemptOutcome.Undelivered)
                {
                    undelivered++;
                }
                else
                {
                    lost++;
                    undelivered = 0;
                }

                lastError = error;
            }
        }
    }

    private static Exception Exhausted<TResult>(IRemoteWorkload<TResult> workload, int index, int attempts, Exception lastError) =>
        lastError is TimeoutException
            ? new TimeoutException($"item {index} of {workload.Id} failed: it timed out on {attempts} workers, each killed and replaced; last: {lastError.Message}.", lastError)
            : new WorkerExitedException($"item {index} of {workload.Id} failed: {attempts} workers were lost while computing it; last: {lastError.Message.TrimEnd('.')}.");

    private async Task<WorkerProcess> EnsureWorkerAsync(int slot, CancellationToken cancellationToken, bool replacing)
    {
        WorkerProcess? current;
        lock (_slots)
        {
            current = _slots[slot];
        }

        if (current is { HasExited: false })
        {
            return current;
        }

        if (current is not null)
        {
            await RetireAsync(slot, current).ConfigureAwait(false);
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        WorkerProcess started = await WorkerProcess.StartAsync(Launch, _options.HandshakeTimeout, _options.MaxFrameSize, cancellationToken).ConfigureAwait(false);
        if (replacing)
        {
            Interlocked.Increment(ref _replacements);
        }

        bool disposed;
        lock (_slots)
        {
            disposed = _disposed;
            if (!disposed)
            {
                _slots[slot] = started;
            }
        }

        if (disposed)
        {
            await started.DisposeAsync().ConfigureAwait(false);
            throw new ObjectDisposedException(nameof(ProcessPool));
        }

        return started;
    }

    private async Task RetireAsync(int slot, WorkerProcess worker)
    {
        lock (_slots)
        {
            if (ReferenceEquals(_slots[slot], worker))
            {
                _slots[slot] = null;
            }
        }

        await worker.DisposeAsync().ConfigureAwait(false);
    }
}
