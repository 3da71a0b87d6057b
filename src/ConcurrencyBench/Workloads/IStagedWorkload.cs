namespace ConcurrencyBench.Workloads;

/// <summary>
/// A workload whose items first wait for their input (a fetch), then compute on it: a pipeline can run the two
/// stages apart, waiting for many inputs at once while a bounded number of workers compute.
/// <see cref="IWorkload{TResult}.Execute"/> and <see cref="IWorkload{TResult}.ExecuteAsync"/> run both stages in turn.
/// </summary>
/// <typeparam name="TResult">The result of one item.</typeparam>
public interface IStagedWorkload<TResult> : IWorkload<TResult>
{
    /// <summary>Fetches item <paramref name="index"/>'s input without blocking while it waits.</summary>
    /// <param name="index">The item.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    ValueTask<byte[]> FetchAsync(int index, CancellationToken cancellationToken);

    /// <summary>Computes item <paramref name="index"/>'s result from its fetched input.</summary>
    /// <param name="index">The item.</param>
    /// <param name="fetched">What <see cref="FetchAsync"/> gave for it.</param>
    /// <param name="cancellationToken">Stops the computation early.</param>
    TResult Process(int index, byte[] fetched, CancellationToken cancellationToken);
}
