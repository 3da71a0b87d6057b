using System.Buffers;
using System.Buffers.Binary;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Workloads;

/// <summary>
/// Equal items of tunable size, for the question of granularity: each item runs <see cref="RoundsPerItem"/> rounds
/// of a 64-bit mixing function (xorshift and a multiply) seeded by its index, and answers the final state. The total
/// work of a benchmark stays the same while the item size varies, so with equal items the ideal speedup is the
/// core count, and what a strategy loses is its overhead per item.
/// </summary>
public sealed class GranularKernelWorkload : IRemoteWorkload<ulong>
{
    /// <summary>The registered id of this workload.</summary>
    public const string WorkloadId = "granular-kernel";

    /// <summary>Creates the workload.</summary>
    /// <param name="count">The number of items.</param>
    /// <param name="roundsPerItem">The rounds of each item (at least 1).</param>
    public GranularKernelWorkload(int count, long roundsPerItem)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(roundsPerItem, 1);
        Count = count;
        RoundsPerItem = roundsPerItem;
    }

    /// <inheritdoc />
    public string Id => WorkloadId;

    /// <inheritdoc />
    public int Count { get; }

    /// <summary>Gets the rounds of each item.</summary>
    public long RoundsPerItem { get; }

    /// <summary>One item's answer: <paramref name="rounds"/> rounds from the seed of item <paramref name="index"/>.</summary>
    /// <param name="index">The item.</param>
    /// <param name="rounds">The rounds.</param>
    /// <param name="cancellationToken">Looked at every million rounds.</param>
    public static ulong Compute(int index, long rounds, CancellationToken cancellationToken = default)
    {
        ulong x = 0x9E3779B97F4A7C15UL ^ (ulong)(uint)index;
        long untilCheck = 1 << 20;
        for (long r = 0; r < rounds; r++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x *= 0x2545F4914F6CDD1DUL;
            if (--untilCheck == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                untilCheck = 1 << 20;
            }
        }

        return x;
    }

    /// <inheritdoc />
    public ulong Execute(int index, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return Compute(index, RoundsPerItem, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<ulong> ExecuteAsync(int index, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Execute(index, cancellationToken));

    /// <inheritdoc />
    public void WriteRequest(int index, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> span = writer.GetSpan(12);
        BinaryPrimitives.WriteInt32LittleEndian(span, index);
        BinaryPrimitives.WriteInt64LittleEndian(span[4..], RoundsPerItem);
        writer.Advance(12);
    }

    /// <inheritdoc />
    public ulong ReadResult(ReadOnlySequence<byte> payload)
    {
        Span<byte> span = stackalloc byte[8];
        payload.Slice(0, 8).CopyTo(span);
        return BinaryPrimitives.ReadUInt64LittleEndian(span);
    }

    /// <summary>The worker side: [i32 index][i64 rounds] to the u64 answer; rounds are bounded so a request cannot pin a worker.</summary>
    internal static void ExecuteRemote(ReadOnlySequence<byte> request, IBufferWriter<byte> response, CancellationToken cancellationToken)
    {
        Span<byte> span = stackalloc byte[12];
        RemotePayload.Require(request, 12, WorkloadId);
        request.Slice(0, 12).CopyTo(span);
        int index = BinaryPrimitives.ReadInt32LittleEndian(span);
        long rounds = BinaryPrimitives.ReadInt64LittleEndian(span[4..]);
        if (rounds is < 1 or > 1L << 34 || index < 0)
        {
            throw new ArgumentException($"a {WorkloadId} request needs an index >= 0 and 1 to 2^34 rounds.");
        }

        BinaryPrimitives.WriteUInt64LittleEndian(response.GetSpan(8), Compute(index, rounds, cancellationToken));
        response.Advance(8);
    }
}
