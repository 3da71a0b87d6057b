using System.Numerics;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Tests.Reporting;

/// <summary>The suite's own Mann-Whitney distribution and threshold test, against independent computations and known answers.</summary>
public sealed class MannWhitneyTests
{
    [Fact]
    public void Cdf_UpTo25OnEachSide_EqualsTheExactIntegerRecursion()
    {
        // The textbook recursion on the largest value (an x above all m y's adds m to U), in exact integers.
        const int Max = 25;
        var counts = new BigInteger[Max + 1, Max + 1][];
        for (int n = 0; n <= Max; n++)
        {
            for (int m = 0; m <= Max; m++)
            {
                var f = new BigInteger[(n * m) + 1];
                if (n == 0 || m == 0)
                {
                    f[0] = 1;
                }
                else
                {
                    for (int u = 0; u <= n * m; u++)
                    {
                        BigInteger xLast = u - m >= 0 && u - m < counts[n - 1, m].Length ? counts[n - 1, m][u - m] : 0;
                        BigInteger yLast = u < counts[n, m - 1].Length ? counts[n, m - 1][u] : 0;
                        f[u] = xLast + yLast;
                    }
                }

                counts[n, m] = f;
            }
        }

        for (int n = 1; n <= Max; n++)
        {
            for (int m = 1; m <= Max; m++)
            {
                BigInteger total = counts[n, m].Aggregate(BigInteger.Zero, (a, b) => a + b);
                BigInteger running = 0;
                for (int u = 0; u <= n * m; u++)
                {
                    running += counts[n, m][u];
                    double expected = (double)running / (double)total;
                    Assert.True(Math.Abs(expected - MannWhitneyDistribution.Cdf(n, m, u)) < 1e-13, $"({n}, {m}) at {u}");
                }
            }
        }
    }

    [Fact]
    public void Cdf_AtSizes2To200_MatchesTheProbabilityRecursionInTheTail()
    {
        // An independent computation: the same recursion in probabilities (only positive terms, so no cancellation),
        // rolled over n, up to 200 on each side, checked wherever its tail is between 1e-9 and 1/2.
        const int Max = 200;
        int[] checkedSizes = [2, 3, 7, 20, 31, 32, 33, 34, 65, 100, 150, 200];
        var previous = new double[Max + 1][]; // row n - 1: P(U = u) for (n - 1, m), u up to half of n * m
        for (int m = 0; m <= Max; m++)
        {
            previous[m] = [1.0];
        }

        int compared = 0;
        for (int n = 1; n <= Max; n++)
        {
            var current = new double[Max + 1][];
            current[0] = [1.0];
            for (int m = 1; m <= Max; m++)
            {
                // The lower half of (n, m) needs (n, m - 1) and (n - 1, m) up to n * m / 2: keep each up to
                // n * Max / 2 (or all of it), which covers both.
                int cut = Math.Min(n * m, n * Max / 2) + 1;
                var p = new double[cut];
                double xLast = (double)n / (n + m), yLast = (double)m / (n + m);
                for (int u = 0; u < cut; u++)
                {
                    double a = u - m >= 0 && u - m < previous[m].Length ? previous[m][u - m] : 0;
                    double b = u < current[m - 1].Length ? current[m - 1][u] : 0;
                    p[u] = (xLast * a) + (yLast * b);
                }

                current[m] = p;
                if (checkedSizes.Contains(n) && checkedSizes.Contains(m))
                {
                    double cdf = 0;
                    for (int u = 0; u <= n * m / 2; u++)
                    {
                        cdf += p[u];
                        if (cdf > 1e-9 && cdf < 0.5)
                        {
                            // Rounding only: the two agree to 1e-10 of the value throughout the tail.
                            double error = Math.Abs(MannWhitneyDistribution.Cdf(n, m, u) - cdf);
                            Assert.True(error <= 1e-15 + (1e-10 * cdf), $"({n}, {m}) at {u}: {MannWhitneyDistribution.Cdf(n, m, u)} against {cdf}");
                            compared++;
                        }
                    }
                }
            }

            previous = current;
        }

        Assert.True(compared > 10_000, $"only {compared} points compared");
    }

    [Theory]
    [InlineData(31, 34)]
    [InlineData(32, 33)]
    [InlineData(200, 200)]
    public void Cdf_WhereA64BitCountOverflows_StillRunsFrom0To1AroundOneHalf(int n, int m)
    {
        // Perfolizer 0.6.1 stops near 0.79 at these sizes (31, 34 and 32, 33).
        Assert.Equal(1, MannWhitneyDistribution.Cdf(n, m, (n * m) - 1), 12);
        Assert.Equal(0.5, MannWhitneyDistribution.Cdf(n, m, (n * m) / 2.0), 1);
        Assert.True(MannWhitneyDistribution.Cdf(n, m, 0) > 0);
        double last = 0;
        for (int u = 0; u <= n * m; u += Math.Max(1, n * m / 97))
        {
            double cdf = MannWhitneyDistribution.Cdf(n, m, u);
            Assert.True(cdf >= last, $"not monotone at {u}");
            last = cdf;
        }
    }

    [Fact]
    public void Cdf_AboveTheExactLimit_IsTheNormalApproximationAndAgreesAtTheSeam()
    {
        // 200 x 200 is exact, 201 x 200 normal: their quantiles near the tests' level differ by under 1%.
        double exact = MannWhitneyDistribution.Cdf(200, 200, 15_800);
        double normal = MannWhitneyDistribution.Cdf(201, 200, 15_800 + 100);
        Assert.Equal(exact, normal, 3);
    }

    [Fact]
    public void PValues_OfFiveAgainstFiveAllBeyondTheThreshold_AreOneIn252()
    {
        double[] reference = [100, 101, 102, 103, 104];
        double[] slower = [120, 121, 122, 123, 124];

        (double pSlower, double pFaster) = SeparationTest.PValues(slower, reference, 5);

        Assert.Equal(1.0 / 252, pSlower, 12);
        Assert.Equal(1, pFaster, 12);
        Assert.Equal(Separation.Slower, SeparationTest.Compare(slower, reference, StatisticsSettings.Default));
    }

    [Fact]
    public void Compare_AShiftOfTenTimesTheThresholdWithOverlappingSamples_IsNotSeparated()
    {
        // The candidate takes twice the reference's time (Hodges-Lehmann: a shift of 100%, twenty times the 5%
        // threshold), but the samples overlap: Perfolizer's placeholder answered Greater without a test; the test here
        // counts 27 of 36 pairs beyond the threshold, p = 0.09.
        double[] reference = [10, 20, 30, 40, 50, 60];
        double[] candidate = [.. reference.Select(v => v * 2)];

        Assert.Equal(2, RatioEstimator.Ratio(candidate, reference, 0.99).Value, 10);
        Assert.Equal(Separation.NotSeparated, SeparationTest.Compare(candidate, reference, StatisticsSettings.Default));
        (double pSlower, _) = SeparationTest.PValues(candidate, reference, 5);
        Assert.Equal(MannWhitneyDistribution.UpperTail(6, 6, 27), pSlower, 12);
        Assert.True(RatioEstimator.Ratio(candidate, reference, 0.99).Lower < 1.05);
    }

    [Fact]
    public void Compare_At31And34Samples_SeparatesAFifteenPercentDifference()
    {
        // Where Perfolizer's overflowing distribution could separate nothing under about 50%.
        double[] reference = FakeRun.Around(100, 34, 0.02);
        double[] slower = FakeRun.Around(115, 31, 0.02);

        Assert.Equal(Separation.Slower, SeparationTest.Compare(slower, reference, StatisticsSettings.Default));
        Assert.Equal(Separation.Faster, SeparationTest.Compare(reference, slower, StatisticsSettings.Default));
    }

    [Fact]
    public void Verdict_AgreesWithTheSpeedupInterval_OnRandomSamples()
    {
        var random = new Random(12);
        var settings = StatisticsSettings.Default;
        int separated = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            int n = random.Next(5, 40), m = random.Next(5, 40);
            double shift = Math.Exp((random.NextDouble() - 0.5) * 0.4);
            double spread = 0.01 + (random.NextDouble() * 0.15);
            double[] reference = [.. Enumerable.Range(0, m).Select(_ => 100 * Math.Exp(spread * Normal(random)))];
            double[] candidate = [.. Enumerable.Range(0, n).Select(_ => 100 * shift * Math.Exp(spread * Normal(random)))];

            Separation verdict = SeparationTest.Compare(candidate, reference, settings);
            Estimate speedup = RatioEstimator.Ratio(reference, candidate, settings.ConfidenceLevel);
            Assert.Equal(speedup.Lower > 1.05, verdict == Separation.Faster);
            Assert.Equal(speedup.Upper < 1 / 1.05, verdict == Separation.Slower);
            separated += verdict is Separation.Faster or Separation.Slower ? 1 : 0;
        }

        Assert.InRange(separated, 50, 350); // both kinds of answer were exercised
    }

    internal static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
