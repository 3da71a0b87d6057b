using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ConcurrencyBench.Ipc;

/// <summary>
/// Copies with non-temporal (streaming) stores: the bytes go to memory without first reading each destination line
/// into the cache and without evicting the writer's working set. Right for a large payload that another process
/// will read; wrong for a small one that could stay in cache. <c>memmove</c> makes this choice itself above a
/// threshold derived from the cache size the CPU reports; virtual machines often report a cache so large (this
/// suite's reference VM: 508 MiB) that the threshold is never reached.
/// </summary>
internal static class StreamingCopy
{
    /// <summary>The payload size from which <see cref="Copy"/> streams: beyond any core's private cache.</summary>
    public const int Threshold = 8 << 20;

    /// <summary>Copies with streaming stores from <see cref="Threshold"/> bytes on, with <see cref="Span{T}.CopyTo"/> below.</summary>
    /// <param name="source">The bytes.</param>
    /// <param name="destination">At least as long as <paramref name="source"/>; must not overlap it.</param>
    public static void Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length < Threshold)
        {
            source.CopyTo(destination);
        }
        else
        {
            CopyNonTemporal(source, destination);
        }
    }

    /// <summary>Copies with streaming stores at any size (where the CPU has them; <see cref="Span{T}.CopyTo"/> otherwise).</summary>
    /// <param name="source">The bytes.</param>
    /// <param name="destination">At least as long as <paramref name="source"/>; must not overlap it.</param>
    public static unsafe void CopyNonTemporal(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, source.Length, nameof(destination));
        if (!Avx.IsSupported || source.Length < 256)
        {
            source.CopyTo(destination);
            return;
        }

        fixed (byte* from = source)
        fixed (byte* to = destination)
        {
            // Plain stores up to the first 32-byte boundary of the destination, streaming stores in 128-byte steps
            // from there, plain stores for the tail.
            int head = (int)((32 - ((nuint)to & 31)) & 31);
            source[..head].CopyTo(destination);
            int i = head;
            for (; i <= source.Length - 128; i += 128)
            {
                Vector256<byte> a = Vector256.Load(from + i);
                Vector256<byte> b = Vector256.Load(from + i + 32);
                Vector256<byte> c = Vector256.Load(from + i + 64);
                Vector256<byte> d = Vector256.Load(from + i + 96);
                Avx.StoreAlignedNonTemporal(to + i, a);
                Avx.StoreAlignedNonTemporal(to + i + 32, b);
                Avx.StoreAlignedNonTemporal(to + i + 64, c);
                Avx.StoreAlignedNonTemporal(to + i + 96, d);
            }

            // Streaming stores are weakly ordered: fence them before anyone is told the bytes are there.
            Sse.StoreFence();
            source[i..].CopyTo(destination[i..]);
        }
    }
}
