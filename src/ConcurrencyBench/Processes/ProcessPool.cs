using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Processes;

/// <summary>
/// K persistent worker processes under a supervisor: items are dispatched from one shared queue, up to
/// <see cref="ProcessStrategyOptions.InFlightPerWorker"/> requests at a time per worker (one by default), each a single
/// item or a chunk of up to <see cref="ProcessStrategyOptions.ChunkSize"/> items, and results come back in input order. A worker that crashes, is killed or hangs past the item timeout is replaced and its items given to
/// the replacement; after <see cref="ProcessStrategyOptions.MaxAttempts"/> workers lost while computing an item, the
/// item fails with an error that names it. Starting the pool is setup, not part of a run.
/// </summary>
public sealed class ProcessPool : IConcurrencyStrategy, IAsyncDisposable
{
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
    public string Name => (_options.InFlightPerWorker, _options.ChunkSize) switch
    {
        (1, 1) => $"ProcessPool({Workers}, {Launch.Flavor})",
        (_, 1) => $"ProcessPool({Workers}, {Launch.Flavor}, {_options.InFlightPerWorker} in flight per worker)",
        _ => $"ProcessPool({Workers}, {Launch.Flavor}, {_options.InFlightPerWorker} in flight per worker, {ChunkWords})",
    };

    private string ChunkWords => _options.ChunkSize == ProcessStrategyOptions.AutoChunkSize ? "chunks of the pool's choice" : $"chunks of {_options.ChunkSize}";

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
                int slots = Math.Min(Workers, scope.Count);
                var queue = new ItemQueue(scope.Count, Math.Max(1, slots));
                int chunkSize = _options.ChunkSizeFor(scope.Count);
                return Task.WhenAll(Enumerable.Range(0, slots).Select(slot => new PoolSlot<TResult>(this, slot, scope, remote, queue, chunkSize, _options).RunAsync()));
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

    /// <summary>Gets the live worker of <paramref name="slot"/>, starting one in place of a lost one (or a first one) when needed.</summary>
    internal async Task<WorkerProcess> EnsureWorkerAsync(int slot, CancellationToken cancellationToken, bool replacing)
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

    /// <summary>Takes <paramref name="worker"/> out of <paramref name="slot"/> (if it is still there) and ends it.</summary>
    internal async Task RetireAsync(int slot, WorkerProcess worker)
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
