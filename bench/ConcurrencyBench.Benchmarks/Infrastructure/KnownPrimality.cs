using System.Numerics;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// An independent primality check, used to verify the trial-division workload: deterministic Miller-Rabin
/// on <see cref="BigInteger"/>, exact for every 64-bit number with the first twelve primes as bases.
/// </summary>
public static class KnownPrimality
{
    private static readonly uint[] Bases = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];

    /// <summary>Decides whether <paramref name="n"/> is prime.</summary>
    /// <param name="n">The number.</param>
    public static bool IsPrime(ulong n)
    {
        if (n < 2)
        {
            return false;
        }

        foreach (uint p in Bases)
        {
            if (n % p == 0)
            {
                return n == p;
            }
        }

        ulong d = n - 1;
        int s = 0;
        while ((d & 1) == 0)
        {
            d >>= 1;
            s++;
        }

        var big = new BigInteger(n);
        foreach (uint a in Bases)
        {
            BigInteger x = BigInteger.ModPow(a, d, big);
            if (x.IsOne || x == big - 1)
            {
                continue;
            }

            bool composite = true;
            for (int r = 1; r < s && composite; r++)
            {
                x = BigInteger.ModPow(x, 2, big);
                composite = x != big - 1;
            }

            if (composite)
            {
                return false;
            }
        }

        return true;
    }
}
