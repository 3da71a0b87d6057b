using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Ipc;

/// <summary>
/// K worker processes, each reached through a transport of one kind: the process pool of the copy-versus-compute
/// question. Payloads are dispatched from a queue, one at a time per worker; checksums come back in input order.
/// Disposing removes every endpoint and ends every worker.
/// </summary>
public sealed class TransportPool : IAsyncDisposable
{
    private readonly List<(WorkerProcess Worker, IPayloadTransport Transport)> _members = [];

    private TransportPool(TransportKind kind) => Kind = kind;

    /// <summary>Gets the transport every worker is reached through.</summary>
    public TransportKind Kind { get; }

    /// <summary>Gets the number of workers.</summary>
    public int Workers => _members.Count;

    /// <summary>Gets the process ids of the workers.</summary>
    public IReadOnlyList<int> WorkerProcessIds => [.. _members.Select(m => m.Worker.ProcessId)];

    /// <summary>Gets the transports, one per worker.</summary>
    public IReadOnlyList<IPayloadTransport> Transports => [.. _members.Select(m => m.Transport)];

    /// <summary>Starts <paramref name="workers"/> workers and opens a transport of <paramref name="kind"/> to each.</summary>
    /// <param name="kind">The transport.</param>
    /// <param name="workers">How many workers, at least 1.</param>
    /// <param name="maxPayloadBytes">The largest payload.</param>
    /// <param name="launch">The worker to start; <see cref="WorkerLocator.Find"/>'s choice when null.</param>
    /// <param name="cancellationToken">Stops the start; whatever was started is ended.</param>
    public static async Task<TransportPool> StartAsync(TransportKind kind, int workers, int maxPayloadBytes = 64 << 20, WorkerLaunch? launch = null, CancellationToken cancellationToken = default)
    {
        Strategies.ThrowHelper.ThrowIfWorkersInvalid(workers);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPayloadBytes, 1);
        launch ??= WorkerLocator.Find();
        var pool = new TransportPool(kind);
        try
        {
            for (int i = 0; i < workers; i++)
            {
                WorkerProcess worker = await WorkerProcess.StartAsync(launch, TimeSpan.FromSeconds(30), maxPayloadBytes + 1024, cancellationToken).ConfigureAwait(false);
                try
                {
                    IPayloadTransport transport = await OpenAsync(kind, worker, maxPayloadBytes, cancellationToken).ConfigureAwait(false);
                    pool._members.Add((worker, transport));
                }
                catch
                {
                    await worker.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }
        }
        catch
        {
            await pool.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return pool;
    }

    /// <summary>Opens a transport of <paramref name="kind"/> to <paramref name="worker"/>.</summary>
    /// <param name="kind">The transport.</param>
    /// <param name="worker">A started worker.</param>
    /// <param name="maxPayloadBytes">The largest payload.</param>
    /// <param name="cancellationToken">Stops the set-up.</param>
    public static async Task<IPayloadTransport> OpenAsync(TransportKind kind, WorkerProcess worker, int maxPayloadBytes, CancellationToken cancellationToken = default) => kind switch
    {
        TransportKind.Pipe => new PipeTransport(worker, maxPayloadBytes),
        TransportKind.UnixSocket => await UnixSocketTransport.ConnectAsync(worker, maxPayloadBytes, cancellationToken).ConfigureAwait(false),
        TransportKind.SharedMemory => await SharedMemoryTransport.CreateAsync(worker, maxPayloadBytes, SharedMemorySignal.Doorbell, cancellationToken).ConfigureAwait(false),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown transport."),
    };

    /// <summary>Sends every payload to a worker, each computing <paramref name="passes"/> checksum passes over it.</summary>
    /// <param name="payloads">The payloads.</param>
    /// <param name="passes">The compute per byte.</param>
    /// <param name="cancellationToken">Stops the run; workers with an item in flight are killed.</param>
    /// <returns>The checksums, in input order.</returns>
    public async Task<ulong[]> ChecksumAllAsync(IReadOnlyList<ReadOnlyMemory<byte>> payloads, int passes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        var results = new ulong[payloads.Count];
        int next = -1;
        await Task.WhenAll(_members.Select(async member =>
        {
            // Cancellation kills the worker at once, whatever its transport is doing: a write blocked on a worker that
            // reads nothing, or a wait for its answer, ends with it.
            using CancellationTokenRegistration kill = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static w => ((WorkerProcess)w!).Kill(), member.Worker)
                : default;
            int index;
            while ((index = Interlocked.Increment(ref next)) < payloads.Count)
            {
                try
                {
                    results[index] = await member.Transport.ChecksumAsync(payloads[index], passes, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (cancellationToken.IsCancellationRequested)
                {
                    member.Worker.Kill();
                    throw ex as OperationCanceledException ?? new OperationCanceledException("the run was cancelled; its workers were killed", ex, cancellationToken);
                }
            }
        })).ConfigureAwait(false);
        return results;
    }

    /// <summary>Removes the endpoints and ends the workers.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach ((WorkerProcess worker, IPayloadTransport transport) in _members)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            await worker.DisposeAsync().ConfigureAwait(false);
        }

        _members.Clear();
    }
}
