namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// The granularity kernel's answers, computed without the workload's code: the same rounds (three xorshifts and a
/// multiply by the xorshift* constant), written again here with the product taken as the low half of a 128-bit one,
/// so that a strategy's answers are checked against an independent computation.
/// </summary>
public static class ReferenceKernel
{
    private const ulong Seed = 0x9E3779B97F4A7C15UL;
    private const ulong Multiplier = 0x2545F4914F6CDD1DUL;

    /// <summary>The answer of item <paramref name="index"/> after <paramref name="rounds"/> rounds.</summary>
    /// <param name="index">The item.</param>
    /// <param name="rounds">The rounds.</param>
    public static ulong Item(int index, long rounds)
    {
        ulong x = Seed ^ (ulong)(uint)index;
        for (long r = 0; r < rounds; r++)
        {
            x = XorShift(XorShift(XorShift(x, 13, left: true), 7, left: false), 17, left: true);
            x = (ulong)((UInt128)x * Multiplier);
        }

        return x;
    }

    private static ulong XorShift(ulong x, int bits, bool left) => x ^ (left ? x << bits : x >> bits);
}
