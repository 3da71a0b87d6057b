namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// How many divisions the prime-check workload's trial division makes for a number: its work, in a unit that does
/// not depend on the machine. Primes need no search (Miller-Rabin says they are prime: every odd divisor up to the
/// square root is tried); a composite stops at its smallest odd factor, which is searched for.
/// </summary>
public static class TrialDivisions
{
    /// <summary>The divisions the workload makes to decide <paramref name="n"/>.</summary>
    /// <param name="n">The number.</param>
    public static long Count(ulong n)
    {
        if (n < 4 || (n & 1) == 0)
        {
            return 0;
        }

        ulong limit = Workloads.PrimeCheckWorkload.IntegerSquareRoot(n);
        if (limit < 3)
        {
            return 0;
        }

        if (KnownPrimality.IsPrime(n))
        {
            return (long)((limit - 3) / 2) + 1;
        }

        long count = 0;
        for (ulong d = 3; d <= limit; d += 2)
        {
            count++;
            if (n % d == 0)
            {
                break;
            }
        }

        return count;
    }
}
