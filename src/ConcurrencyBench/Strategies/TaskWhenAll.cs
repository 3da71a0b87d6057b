using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Strategies;

/// <summary>
/// Starts the asynchronous form of every item and awaits them all with <see cref="Task.WhenAll(IEnumerable{Task})"/>.
/// No thread waits; but CPU-bound items compute synchronously as they are started, one after another.
/// </summary>
internal sealed class TaskWhenAll : IConcurrencyStrategy
{
    public static readonly TaskWhenAll Instance = new();

    public string Name => "TaskWhenAll";

    public Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return StrategyRun.Async(workload, cancellationToken, static scope =>
        {
            var items = new Task[scope.Count];
            for (int i = 0; i < items.Length; i++)
            {
                items[i] = scope.RunAsync(i).AsTask();
            }

            return Task.WhenAll(items);
        });
    }
}
