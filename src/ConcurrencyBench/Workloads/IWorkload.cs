namespace ConcurrencyBench.Workloads;

/// <summary>
/// A fixed list of independent items, each computed by a pure function of its index.
/// Strategies decide how the items run; the workload decides what one item does.
/// </summary>
/// <typeparam name="TResult">The result of one item.</typeparam>
public interface IWorkload<TResult>
{
    /// <summary>Gets the stable identifier of the workload (also its id in the worker registry).</summary>
    string Id { get; }

    /// <summary>Gets the number of items.</summary>
    int Count { get; }

    /// <summary>Computes item <paramref name="index"/>, blocking the calling thread while it waits.</summary>
    /// <param name="index">The item, from 0 to <see cref="Count"/> - 1.</param>
    /// <param name="cancellationToken">Stops the item early; it then throws <see cref="OperationCanceledException"/>.</param>
    TResult Execute(int index, CancellationToken cancellationToken);

    /// <summary>Computes item <paramref name="index"/> without blocking while it waits.</summary>
    /// <remarks>CPU-bound workloads have nothing to wait for: their asynchronous form computes synchronously.</remarks>
    /// <param name="index">The item, from 0 to <see cref="Count"/> - 1.</param>
    /// <param name="cancellationToken">Stops the item early; it then throws <see cref="OperationCanceledException"/>.</param>
    ValueTask<TResult> ExecuteAsync(int index, CancellationToken cancellationToken);
}
