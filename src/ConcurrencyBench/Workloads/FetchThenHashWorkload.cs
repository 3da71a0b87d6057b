using System.Text;
using ConcurrencyBench.Ipc;

namespace ConcurrencyBench.Workloads;

/// <summary>
/// Mixed work: each item fetches a response over HTTP (the loopback service; <see cref="HttpAggregationWorkload"/>)
/// and then hashes its bytes <see cref="Passes"/> times (CPU). The result is the checksum of the response.
/// </summary>
public sealed class FetchThenHashWorkload : IStagedWorkload<ulong>
{
    private readonly HttpAggregationWorkload _fetch;

    /// <summary>Creates the workload.</summary>
    /// <param name="fetch">The HTTP calls whose responses are hashed.</param>
    /// <param name="passes">The passes of the checksum over each response (at least 1): the compute per item.</param>
    public FetchThenHashWorkload(HttpAggregationWorkload fetch, int passes)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        _fetch = fetch;
        Passes = passes;
    }

    /// <inheritdoc />
    public string Id => "fetch-then-hash";

    /// <inheritdoc />
    public int Count => _fetch.Count;

    /// <summary>Gets the checksum passes over each response.</summary>
    public int Passes { get; }

    /// <inheritdoc />
    public async ValueTask<byte[]> FetchAsync(int index, CancellationToken cancellationToken) =>
        Encoding.UTF8.GetBytes(await _fetch.ExecuteAsync(index, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public ulong Process(int index, byte[] fetched, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        cancellationToken.ThrowIfCancellationRequested();
        return Checksum.Compute(fetched, Passes);
    }

    /// <inheritdoc />
    public ulong Execute(int index, CancellationToken cancellationToken) =>
        Process(index, Encoding.UTF8.GetBytes(_fetch.Execute(index, cancellationToken)), cancellationToken);

    /// <inheritdoc />
    public async ValueTask<ulong> ExecuteAsync(int index, CancellationToken cancellationToken) =>
        Process(index, await FetchAsync(index, cancellationToken).ConfigureAwait(false), cancellationToken);
}
