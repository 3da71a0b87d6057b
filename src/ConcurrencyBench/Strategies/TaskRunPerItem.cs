using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Strategies;

/// <summary>
/// Queues the blocking form of every item to the thread pool with <see cref="Task.Run(Action)"/> and awaits them all.
/// Blocking waits hold pool threads, so the pool has to grow to run many of them at once.
/// </summary>
internal sealed class TaskRunPerItem : IConcurrencyStrategy
{
    public static readonly TaskRunPerItem Instance = new();

    public string Name => "TaskRunPerItem";

    public Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return StrategyRun.Async(workload, cancellationToken, static scope =>
        {
            var items = new Task[scope.Count];
            for (int i = 0; i < items.Length; i++)
            {
                int index = i;
                items[i] = Task.Run(() => scope.Run(index), CancellationToken.None);
            }

            return Task.WhenAll(items);
        });
    }
}
