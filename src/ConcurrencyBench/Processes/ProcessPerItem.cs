using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Processes;

/// <summary>
/// A new worker process for every item: start, handshake, compute, exit. At most
/// <see cref="ProcessStrategyOptions.Workers"/> processes at once. This is the cost naive multiprocessing pays.
/// </summary>
public sealed class ProcessPerItem : IConcurrencyStrategy
{
    private readonly ProcessStrategyOptions _options;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> _live = new();

    /// <summary>Creates the strategy (no process starts until a run).</summary>
    /// <param name="options">The settings; defaults when null.</param>
    public ProcessPerItem(ProcessStrategyOptions? options = null)
    {
        _options = options ?? new ProcessStrategyOptions();
        Launch = _options.Validate();
    }

    /// <summary>Gets how the workers are started.</summary>
    public WorkerLaunch Launch { get; }

    /// <summary>Gets the process ids of the workers alive now (started by a run and not yet ended).</summary>
    public IReadOnlyList<int> WorkerProcessIds => [.. _live.Keys];

    /// <inheritdoc />
    public string Name => $"ProcessPerItem({_options.Workers}, {Launch.Flavor})";

    /// <inheritdoc />
    public Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        IRemoteWorkload<TResult> remote = RemoteItem.RequireRemote(workload);
        return StrategyRun.Async(workload, cancellationToken, scope =>
        {
            int next = -1;
            return Task.WhenAll(Enumerable.Range(0, Math.Min(_options.Workers, scope.Count)).Select(async _ =>
            {
                int index;
                while (!scope.IsStopped && (index = Interlocked.Increment(ref next)) < scope.Count)
                {
                    await RunOneAsync(scope, remote, index).ConfigureAwait(false);
                }
            }));
        });
    }

    private async Task RunOneAsync<TResult>(WorkScope<TResult> scope, IRemoteWorkload<TResult> workload, int index)
    {
        WorkerProcess worker;
        try
        {
            worker = await WorkerProcess.StartAsync(Launch, _options.HandshakeTimeout, _options.MaxFrameSize, scope.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (scope.IsStopped)
        {
            return;
        }
        catch (Exception ex) when (ex is WorkerExitedException or WorkerProtocolException)
        {
            scope.Fail(index, ex);
            return;
        }

        _live[worker.ProcessId] = 0;
        try
        {
            await using (worker.ConfigureAwait(false))
            {
                (AttemptOutcome outcome, Exception? error) = await RemoteItem.TryRunAsync(scope, workload, index, worker, _options.ItemTimeout).ConfigureAwait(false);
                if (outcome is AttemptOutcome.WorkerLost or AttemptOutcome.Undelivered)
                {
                    scope.Fail(index, new WorkerExitedException($"item {index} of {workload.Id} failed: {error!.Message.TrimEnd('.')}."));
                }
            }
        }
        finally
        {
            _live.TryRemove(worker.ProcessId, out _);
        }
    }
}
