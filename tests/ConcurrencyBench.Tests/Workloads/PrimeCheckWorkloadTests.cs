using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Tests.Support;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Workloads;

public sealed class PrimeCheckWorkloadTests
{
    [Fact]
    public void IsPrime_SmallNumbers_MatchesASieve()
    {
        const int limit = 20_000;
        var composite = new bool[limit];
        for (int i = 2; i * i < limit; i++)
        {
            for (int j = i * i; j < limit; j += i)
            {
                composite[j] = true;
            }
        }

        for (int n = 0; n < limit; n++)
        {
            Assert.True((n >= 2 && !composite[n]) == PrimeCheckWorkload.IsPrime((ulong)n), $"n = {n}");
        }
    }

    [Fact]
    public void Classic_EveryNumber_MatchesThePublishedTableAndMillerRabin()
    {
        var workload = new PrimeCheckWorkload();
        Assert.Equal(20, workload.Count);
        for (int i = 0; i < workload.Count; i++)
        {
            ulong n = workload.Numbers[i];
            bool expected = KnownPrimes.Classic[n];
            Assert.Equal(expected, KnownPrimality.IsPrime(n));
            Assert.Equal(expected, workload.Execute(i, CancellationToken.None));
        }
    }

    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(1UL, 1UL)]
    [InlineData(15UL, 3UL)]
    [InlineData(16UL, 4UL)]
    [InlineData(9999999999999999UL, 99999999UL)]
    [InlineData(ulong.MaxValue, 4294967295UL)]
    [InlineData(18446744065119617025UL, 4294967295UL)]
    [InlineData(18446744065119617024UL, 4294967294UL)]
    public void IntegerSquareRoot_Boundaries_IsExact(ulong n, ulong expected)
    {
        Assert.Equal(expected, PrimeCheckWorkload.IntegerSquareRoot(n));
    }

    [Fact]
    public void IsPrime_Cancelled_ThrowsDuringALongCheck()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => PrimeCheckWorkload.IsPrime(9999999999999917, cts.Token));
    }

    [Fact]
    public void Execute_IndexOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrimeCheckWorkload().Execute(20, CancellationToken.None));
    }
}
