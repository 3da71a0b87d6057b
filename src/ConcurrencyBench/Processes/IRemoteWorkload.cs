using System.Buffers;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Processes;

/// <summary>
/// A workload whose items can also run in a worker process: it encodes an item as a request payload and decodes
/// the worker's result. The worker runs it by its registered <see cref="IWorkload{TResult}.Id"/> only.
/// </summary>
/// <typeparam name="TResult">The result of one item.</typeparam>
public interface IRemoteWorkload<TResult> : IWorkload<TResult>
{
    /// <summary>Writes the request payload of item <paramref name="index"/>.</summary>
    /// <param name="index">The item.</param>
    /// <param name="writer">Where the payload goes.</param>
    void WriteRequest(int index, IBufferWriter<byte> writer);

    /// <summary>Decodes a result payload the worker sent back.</summary>
    /// <param name="payload">The payload.</param>
    TResult ReadResult(ReadOnlySequence<byte> payload);
}
