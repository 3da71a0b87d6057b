using ConcurrencyBench.Processes.Protocol;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Processes;

/// <summary>How one attempt at an item in a worker ended.</summary>
internal enum AttemptOutcome
{
    /// <summary>The result is in place, or the item failed on its own (not retried).</summary>
    Done,

    /// <summary>The run is stopping; the worker was killed, since it may still be computing.</summary>
    Stopped,

    /// <summary>The worker died or hung while the item was its own; it was killed. Another worker may try again.</summary>
    WorkerLost,

    /// <summary>The worker was gone before it had the request (it died idle): the item was never its own.</summary>
    Undelivered,
}

/// <summary>One attempt at one item in one worker: the part both Process strategies share.</summary>
internal static class RemoteItem
{
    /// <summary>Sends item <paramref name="index"/> to <paramref name="worker"/> and settles it; a worker that has not
    /// answered within <paramref name="timeout"/> is killed, and the item's attempt ends with a <see cref="TimeoutException"/>.</summary>
    public static async Task<(AttemptOutcome Outcome, Exception? Error)> TryRunAsync<TResult>(
        WorkScope<TResult> scope, IRemoteWorkload<TResult> workload, int index, WorkerProcess worker, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(scope.Token);
        deadline.CancelAfter(timeout);
        // A blocked write ignores the token; killing the worker unblocks it (every such path kills it anyway).
        using CancellationTokenRegistration killOnDeadline = deadline.Token.Register(worker.Kill);
        Task<ReadOnlyMemory<byte>> answer = worker.RequestAsync(workload.Id, w => workload.WriteRequest(index, w), deadline.Token);
        (AttemptOutcome outcome, Exception? error) = await SettleAsync(scope, workload, index, worker, answer).ConfigureAwait(false);
        return outcome is AttemptOutcome.WorkerLost or AttemptOutcome.Undelivered && deadline.IsCancellationRequested && !scope.IsStopped
            ? (AttemptOutcome.WorkerLost, TimedOut(workload, index, worker, timeout))
            : (outcome, error);
    }

    /// <summary>
    /// Settles item <paramref name="index"/> from the answer to its request: its result, or its own failure, goes into
    /// the scope (<see cref="AttemptOutcome.Done"/>); otherwise the run is stopping (the worker is killed, since it may
    /// still be computing) or the worker is gone, with what ended it. A deadline is the caller's to word
    /// (<see cref="TimedOut"/>): here a cancellation the run did not ask for reads as a lost worker.
    /// </summary>
    public static Task<(AttemptOutcome Outcome, Exception? Error)> SettleAsync<TResult>(
        WorkScope<TResult> scope, IRemoteWorkload<TResult> workload, int index, WorkerProcess worker, Task<ReadOnlyMemory<byte>> answer) =>
        SettleAsync(
            scope,
            worker,
            answer,
            result => scope.Results[index] = workload.ReadResult(new System.Buffers.ReadOnlySequence<byte>(result)),
            ex => scope.Fail(index, ex));

    /// <summary>
    /// Settles the items of a chunk from the answer to its request, as <see cref="SettleAsync{TResult}(WorkScope{TResult}, IRemoteWorkload{TResult}, int, WorkerProcess, Task{ReadOnlyMemory{byte}})"/>
    /// settles one: each item's result, or its own failure, goes into the scope on its own. A refusal fails every item
    /// of the chunk; a lost worker or a stopping run settles none.
    /// </summary>
    public static Task<(AttemptOutcome Outcome, Exception? Error)> SettleChunkAsync<TResult>(
        WorkScope<TResult> scope, IRemoteWorkload<TResult> workload, int[] indices, WorkerProcess worker, Task<ChunkItemAnswer[]> answer) =>
        SettleAsync(
            scope,
            worker,
            answer,
            answers =>
            {
                for (int i = 0; i < indices.Length; i++)
                {
                    int index = indices[i];
                    try
                    {
                        scope.Results[index] = answers[i].Error is { } error
                            ? throw new RemoteItemException(error)
                            : workload.ReadResult(new System.Buffers.ReadOnlySequence<byte>(answers[i].Result));
                    }
                    catch (Exception ex)
                    {
                        // The item's own failure, or the workload could not decode its answer.
                        scope.Fail(index, ex);
                    }
                }
            },
            ex =>
            {
                foreach (int index in indices)
                {
                    scope.Fail(index, ex);
                }
            });

    // How an attempt ends, for one item or a chunk: settle takes the answer, fail records a failure that is the items'
    // own (not the worker's loss).
    private static async Task<(AttemptOutcome Outcome, Exception? Error)> SettleAsync<TResult, TAnswer>(
        WorkScope<TResult> scope, WorkerProcess worker, Task<TAnswer> answer, Action<TAnswer> settle, Action<Exception> fail)
    {
        try
        {
            settle(await answer.ConfigureAwait(false));
            return (AttemptOutcome.Done, null);
        }
        catch (RemoteItemException ex)
        {
            fail(ex);
            return (AttemptOutcome.Done, null);
        }
        catch (WorkerProtocolException ex)
        {
            fail(ex);
            return (AttemptOutcome.Done, null);
        }
        catch (OperationCanceledException) when (scope.IsStopped)
        {
            worker.Kill();
            return (AttemptOutcome.Stopped, null);
        }
        catch (OperationCanceledException ex)
        {
            return (AttemptOutcome.WorkerLost, ex);
        }
        catch (WorkerExitedException ex)
        {
            return (ex.Undelivered ? AttemptOutcome.Undelivered : AttemptOutcome.WorkerLost, ex);
        }
        catch (IOException ex)
        {
            return scope.IsStopped
                ? (AttemptOutcome.Stopped, null)
                : (AttemptOutcome.WorkerLost, new WorkerExitedException($"the {worker.Launch.Flavor} worker (pid {worker.ProcessId}) is gone: {ex.Message}"));
        }
        catch (Exception ex)
        {
            // The workload could not encode the item or decode its answer: the item's own failure.
            fail(ex);
            return (AttemptOutcome.Done, null);
        }
    }

    /// <summary>The error of an item whose worker was killed for taking longer than <paramref name="timeout"/> over it.</summary>
    public static TimeoutException TimedOut<TResult>(IRemoteWorkload<TResult> workload, int index, WorkerProcess worker, TimeSpan timeout) =>
        new($"item {index} of {workload.Id} took longer than {timeout.TotalSeconds:0.###} s in the {worker.Launch.Flavor} worker (pid {worker.ProcessId}), which was killed");

    public static IRemoteWorkload<TResult> RequireRemote<TResult>(IWorkload<TResult> workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return workload as IRemoteWorkload<TResult>
            ?? throw new ArgumentException($"workload '{workload.Id}' has no remote form: it cannot run in a worker process.", nameof(workload));
    }
}
