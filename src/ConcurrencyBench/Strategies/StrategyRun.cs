using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Strategies;

/// <summary>The frame every strategy shares: a scope per run, and the outcome as a task.</summary>
internal static class StrategyRun
{
    /// <summary>Runs <paramref name="body"/> on the calling thread and returns the outcome as a completed task.</summary>
    public static Task<TResult[]> Blocking<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken, Action<WorkScope<TResult>> body)
    {
        try
        {
            using var scope = new WorkScope<TResult>(workload, cancellationToken);
            try
            {
                body(scope);
            }
            catch (OperationCanceledException) when (scope.IsStopped)
            {
                // Parallel loops and PLINQ throw when their token is cancelled; Complete() says why.
            }

            return Task.FromResult(scope.Complete());
        }
        catch (Exception ex)
        {
            return ex is OperationCanceledException { CancellationToken.IsCancellationRequested: true } oce
                ? Task.FromCanceled<TResult[]>(oce.CancellationToken)
                : Task.FromException<TResult[]>(ex);
        }
    }

    /// <summary>Awaits <paramref name="body"/> and returns the outcome.</summary>
    public static async Task<TResult[]> Async<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken, Func<WorkScope<TResult>, Task> body)
    {
        using var scope = new WorkScope<TResult>(workload, cancellationToken);
        try
        {
            await body(scope).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (scope.IsStopped)
        {
            // Parallel.ForEachAsync throws when its token is cancelled; Complete() says why.
        }

        return scope.Complete();
    }
}
