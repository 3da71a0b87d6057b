using System.Buffers;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Workloads;

/// <summary>A view of a workload whose item <c>i</c> is the original item <c>order[i]</c>.</summary>
internal static class ReorderedWorkload
{
    /// <summary>The view; remote when <paramref name="workload"/> is, so that a worker computes the original items.</summary>
    /// <param name="workload">The workload.</param>
    /// <param name="order">A permutation of its indices.</param>
    public static IWorkload<TResult> Of<TResult>(IWorkload<TResult> workload, int[] order)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(order);
        if (order.Length != workload.Count || order.Distinct().Count() != order.Length || order.Any(i => (uint)i >= (uint)order.Length))
        {
            throw new ArgumentException("the order must be a permutation of the workload's indices.", nameof(order));
        }

        return workload is IRemoteWorkload<TResult> remote ? new Remote<TResult>(remote, order) : new Local<TResult>(workload, order);
    }

    private class Local<TResult>(IWorkload<TResult> inner, int[] order) : IWorkload<TResult>
    {
        protected int[] Order => order;

        public string Id => inner.Id;

        public int Count => inner.Count;

        public TResult Execute(int index, CancellationToken cancellationToken) => inner.Execute(order[index], cancellationToken);

        public ValueTask<TResult> ExecuteAsync(int index, CancellationToken cancellationToken) => inner.ExecuteAsync(order[index], cancellationToken);
    }

    private sealed class Remote<TResult>(IRemoteWorkload<TResult> inner, int[] order) : Local<TResult>(inner, order), IRemoteWorkload<TResult>
    {
        public void WriteRequest(int index, IBufferWriter<byte> writer) => inner.WriteRequest(Order[index], writer);

        public TResult ReadResult(ReadOnlySequence<byte> payload) => inner.ReadResult(payload);
    }
}
