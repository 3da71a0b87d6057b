using System.Buffers.Binary;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// The data-movement answers, computed apart from the code that is measured: the same FNV-1a passes as
/// <see cref="Ipc.Checksum"/>, written plainly (a little-endian read per word, one byte at a time for the tail), so that
/// a fault in the measured checksum or in what a transport delivered cannot also be in the expected answer.
/// </summary>
public static class ReferenceChecksum
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary><paramref name="passes"/> passes over <paramref name="data"/> (at least one).</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="passes">The passes.</param>
    public static ulong Passes(ReadOnlySpan<byte> data, int passes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        ulong hash = Offset ^ (ulong)data.Length;
        int words = data.Length / 8 * 8;
        for (int pass = 0; pass < passes; pass++)
        {
            for (int i = 0; i < words; i += 8)
            {
                hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i, 8))) * Prime;
            }

            for (int i = words; i < data.Length; i++)
            {
                hash = (hash ^ data[i]) * Prime;
            }
        }

        return hash;
    }

    /// <summary>The hand-off digest: the length, then the first and last 8 bytes (or every byte of a shorter payload).</summary>
    /// <param name="data">The bytes.</param>
    public static ulong Sample(ReadOnlySpan<byte> data)
    {
        ulong hash = (Offset ^ (ulong)data.Length) * Prime;
        if (data.Length < 8)
        {
            foreach (byte b in data)
            {
                hash = (hash ^ b) * Prime;
            }

            return hash;
        }

        hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(data[..8])) * Prime;
        return (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(data[^8..])) * Prime;
    }
}
