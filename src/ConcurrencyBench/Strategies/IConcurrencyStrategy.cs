using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Strategies;

/// <summary>
/// A way of running the items of a workload: sequentially, on threads, as tasks, in parallel loops or in processes.
/// </summary>
/// <remarks>
/// The contract every strategy keeps:
/// <list type="bullet">
/// <item>The results equal <see cref="ConcurrencyStrategies.Sequential"/>'s, in input order.</item>
/// <item>When items fail, the items not yet started are skipped, the call waits for the started ones, and then
/// throws the original exception of the failed item with the lowest index.</item>
/// <item>When <c>cancellationToken</c> is cancelled, the call stops starting items, waits for the running ones to
/// stop, and throws <see cref="OperationCanceledException"/>; no work goes on after it returns.</item>
/// <item>A null workload throws <see cref="ArgumentNullException"/>.</item>
/// </list>
/// </remarks>
public interface IConcurrencyStrategy
{
    /// <summary>Gets the name of the strategy, as reports show it.</summary>
    string Name { get; }

    /// <summary>Runs every item of <paramref name="workload"/> and returns their results in input order.</summary>
    /// <typeparam name="TResult">The result of one item.</typeparam>
    /// <param name="workload">The work.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>One result per item, in input order.</returns>
    Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default);
}
