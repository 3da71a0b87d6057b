using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Workloads;

/// <summary>
/// I/O-bound work: a dashboard aggregates <see cref="Count"/> slow, independent API calls.
/// Each call waits a simulated network latency and returns <c>"data-{i}"</c>.
/// </summary>
public sealed class ApiAggregationWorkload : IRemoteWorkload<string>
{
    /// <summary>The registered id of this workload.</summary>
    public const string WorkloadId = "api-aggregation";

    /// <summary>The latency used when none is given: 50 ms.</summary>
    public static readonly TimeSpan DefaultLatency = TimeSpan.FromMilliseconds(50);

    /// <summary>Creates the workload.</summary>
    /// <param name="count">The number of API calls (0 or more).</param>
    /// <param name="latency">The simulated latency of each call (0 or more); <see cref="DefaultLatency"/> when null.</param>
    public ApiAggregationWorkload(int count, TimeSpan? latency = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        TimeSpan l = latency ?? DefaultLatency;
        ArgumentOutOfRangeException.ThrowIfLessThan(l, TimeSpan.Zero, nameof(latency));
        Count = count;
        Latency = l;
    }

    /// <inheritdoc />
    public string Id => WorkloadId;

    /// <inheritdoc />
    public int Count { get; }

    /// <summary>Gets the simulated latency of one call.</summary>
    public TimeSpan Latency { get; }

    /// <summary>The answer of call <paramref name="index"/>.</summary>
    /// <param name="index">The call.</param>
    public static string ExpectedResult(int index) => "data-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The blocking call, as naive code makes it: the thread sleeps through the latency.</summary>
    /// <param name="index">The call.</param>
    /// <param name="cancellationToken">Wakes the sleeping thread early.</param>
    public string Fetch(int index, CancellationToken cancellationToken = default)
    {
        CheckIndex(index);
        if (Latency > TimeSpan.Zero)
        {
            // A wait on the token's handle sleeps like Thread.Sleep but wakes when cancelled.
            cancellationToken.WaitHandle.WaitOne(Latency);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return ExpectedResult(index);
    }

    /// <summary>The non-blocking call: no thread is held while it waits.</summary>
    /// <param name="index">The call.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    public async ValueTask<string> FetchAsync(int index, CancellationToken cancellationToken = default)
    {
        CheckIndex(index);
        await Task.Delay(Latency, cancellationToken).ConfigureAwait(false);
        return ExpectedResult(index);
    }

    /// <inheritdoc />
    public string Execute(int index, CancellationToken cancellationToken) => Fetch(index, cancellationToken);

    /// <inheritdoc />
    public ValueTask<string> ExecuteAsync(int index, CancellationToken cancellationToken) => FetchAsync(index, cancellationToken);

    /// <inheritdoc />
    public void WriteRequest(int index, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CheckIndex(index);
        Span<byte> span = writer.GetSpan(12);
        BinaryPrimitives.WriteInt32LittleEndian(span, index);
        BinaryPrimitives.WriteInt64LittleEndian(span[4..], Latency.Ticks);
        writer.Advance(12);
    }

    /// <inheritdoc />
    public string ReadResult(ReadOnlySequence<byte> payload) => Encoding.UTF8.GetString(payload);

    /// <summary>The worker side: waits the latency (blocking, one call per worker at a time), writes the data.</summary>
    internal static void ExecuteRemote(ReadOnlySequence<byte> request, IBufferWriter<byte> response, CancellationToken cancellationToken)
    {
        Span<byte> span = stackalloc byte[12];
        RemotePayload.Require(request, 12, WorkloadId);
        request.Slice(0, 12).CopyTo(span);
        int index = BinaryPrimitives.ReadInt32LittleEndian(span);
        var latency = TimeSpan.FromTicks(BinaryPrimitives.ReadInt64LittleEndian(span[4..]));
        var workload = new ApiAggregationWorkload(index + 1, latency);
        Encoding.UTF8.GetBytes(workload.Fetch(index, cancellationToken), response);
    }

    private void CheckIndex(int index) => ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
}
