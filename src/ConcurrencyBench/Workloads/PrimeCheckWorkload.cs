using System.Buffers;
using System.Buffers.Binary;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Workloads;

/// <summary>
/// CPU-bound work: is each number prime? Trial division by 2, then by odd divisors up to the integer square root.
/// </summary>
public sealed class PrimeCheckWorkload : IRemoteWorkload<bool>
{
    /// <summary>The registered id of this workload.</summary>
    public const string WorkloadId = "prime-check";

    // How many divisors are tried between two looks at the cancellation token (a few milliseconds of work).
    private const int CancellationStride = 1 << 20;

    private readonly ulong[] _numbers;

    /// <summary>Creates the workload over <see cref="PrimeNumbers.Classic"/>.</summary>
    public PrimeCheckWorkload()
        : this(PrimeNumbers.Classic)
    {
    }

    /// <summary>Creates the workload over the given numbers.</summary>
    /// <param name="numbers">The numbers to check; copied.</param>
    public PrimeCheckWorkload(IEnumerable<ulong> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        _numbers = numbers.ToArray();
    }

    /// <inheritdoc />
    public string Id => WorkloadId;

    /// <inheritdoc />
    public int Count => _numbers.Length;

    /// <summary>Gets the numbers, in item order.</summary>
    public IReadOnlyList<ulong> Numbers => _numbers;

    /// <summary>Decides whether <paramref name="n"/> is prime by trial division.</summary>
    /// <param name="n">The number.</param>
    /// <param name="cancellationToken">Looked at every million divisors or so.</param>
    public static bool IsPrime(ulong n, CancellationToken cancellationToken = default)
    {
        if (n < 2)
        {
            return false;
        }

        if (n < 4)
        {
            return true;
        }

        if ((n & 1) == 0)
        {
            return false;
        }

        ulong limit = IntegerSquareRoot(n);
        int untilCheck = CancellationStride;
        for (ulong d = 3; d <= limit; d += 2)
        {
            if (n % d == 0)
            {
                return false;
            }

            if (--untilCheck == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                untilCheck = CancellationStride;
            }
        }

        return true;
    }

    /// <summary>The largest r with r * r &lt;= n.</summary>
    /// <param name="n">The number.</param>
    public static ulong IntegerSquareRoot(ulong n)
    {
        // The double estimate is within one of the answer for 64-bit inputs; fix it up exactly.
        ulong r = (ulong)Math.Sqrt(n);
        while (r > 0 && (r > uint.MaxValue || r * r > n))
        {
            r--;
        }

        while (r + 1 <= uint.MaxValue && (r + 1) * (r + 1) <= n)
        {
            r++;
        }

        return r;
    }

    /// <inheritdoc />
    public bool Execute(int index, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_numbers.Length, nameof(index));
        return IsPrime(_numbers[index], cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> ExecuteAsync(int index, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Execute(index, cancellationToken));

    /// <inheritdoc />
    public void WriteRequest(int index, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        BinaryPrimitives.WriteUInt64LittleEndian(writer.GetSpan(8), _numbers[index]);
        writer.Advance(8);
    }

    /// <inheritdoc />
    public bool ReadResult(ReadOnlySequence<byte> payload) => payload.Length == 1 && payload.FirstSpan[0] == 1;

    /// <summary>The worker side: reads the number, checks it, writes 1 (prime) or 0.</summary>
    internal static void ExecuteRemote(ReadOnlySequence<byte> request, IBufferWriter<byte> response, CancellationToken cancellationToken)
    {
        Span<byte> number = stackalloc byte[8];
        RemotePayload.Require(request, 8, WorkloadId);
        request.Slice(0, 8).CopyTo(number);
        response.GetSpan(1)[0] = IsPrime(BinaryPrimitives.ReadUInt64LittleEndian(number), cancellationToken) ? (byte)1 : (byte)0;
        response.Advance(1);
    }
}
