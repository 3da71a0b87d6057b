using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ConcurrencyBench.Ipc;

/// <summary>
/// The compute knob of the copy-versus-compute workload: k passes of a 64-bit FNV-1a checksum over 8-byte words,
/// each pass seeded with the last. One pass costs a multiply per 8 bytes; k scales the compute per byte.
/// </summary>
public static class Checksum
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>Computes <paramref name="passes"/> passes over <paramref name="data"/>; with 0 passes, a sample of it.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="passes">The compute per byte: passes over every byte (0 reads only the length and both ends).</param>
    public static ulong Compute(ReadOnlySpan<byte> data, int passes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(passes);
        if (passes == 0)
        {
            return Sample(data);
        }

        ulong hash = Seed(data.Length);
        for (int pass = 0; pass < passes; pass++)
        {
            hash = Pass(hash, data);
        }

        return hash;
    }

    /// <summary>The hash before the first pass over <paramref name="length"/> bytes.</summary>
    internal static ulong Seed(int length) => Offset ^ (ulong)length;

    /// <summary>One pass over <paramref name="data"/>, seeded with the hash of the passes before.</summary>
    internal static ulong Pass(ulong hash, ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (ulong word in words)
        {
            hash = (hash ^ word) * Prime;
        }

        foreach (byte b in data[(words.Length * 8)..])
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }

    /// <summary>The hand-off digest: the length and the first and last 8 bytes (touches two cache lines, not the payload).</summary>
    /// <param name="data">The bytes.</param>
    public static ulong Sample(ReadOnlySpan<byte> data)
    {
        ulong hash = (Offset ^ (ulong)data.Length) * Prime;
        if (data.Length >= 8)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(data)) * Prime;
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(data[^8..])) * Prime;
        }
        else
        {
            foreach (byte b in data)
            {
                hash = (hash ^ b) * Prime;
            }
        }

        return hash;
    }

    /// <summary>Fills <paramref name="data"/> with bytes from a fixed seed, so that every run moves the same payload.</summary>
    /// <param name="data">The buffer.</param>
    /// <param name="seed">The seed.</param>
    public static void Fill(Span<byte> data, int seed = 42) => new Random(seed).NextBytes(data);
}
