using System.Collections.Concurrent;

namespace ConcurrencyBench.Reporting.Statistics;

/// <summary>
/// The null distribution of the Mann-Whitney statistic U (the pairs (x, y) with x above y) for samples of n and m
/// values without ties: exact while n * m is at most <see cref="ExactLimit"/>, a normal approximation above.
/// </summary>
/// <remarks>
/// Written here because Perfolizer 0.6.1's exact distribution counts arrangements in 64-bit integers, which overflow
/// near sizes (31, 34) and (32, 33): its P(U &lt; u) then stops near 0.79 and nothing under a 50% difference can
/// separate. The exact counts here are Harding's (1984, "An efficient, minimal-storage procedure for calculating the
/// Mann-Whitney U, generalized Wilcoxon and related distributions", Applied Statistics 33, 1-6): the frequencies of U
/// are the coefficients of the Gaussian binomial prod_{i=1..n} (1 - q^(m+i)) / (1 - q^i), built one factor at a time
/// in O(n * n * m). They are kept as doubles: at n * m = 40,000 the largest count, C(400, 200), is about 1e119, far
/// below double's range, and the tests check the tail against an independent recursion at sizes 2 to 200. Above the
/// limit, samples of hundreds on each side, the normal approximation with a continuity correction (Hollander and
/// Wolfe, Nonparametric Statistical Methods, 4.1) is off by far less than any level a report uses.
/// </remarks>
public static class MannWhitneyDistribution
{
    /// <summary>The largest n * m with an exact distribution (200 values on each side).</summary>
    public const int ExactLimit = 40_000;

    private static readonly ConcurrentDictionary<(int Small, int Large), double[]> s_cumulative = new();

    /// <summary>P(U &lt;= <paramref name="u"/>) for samples of <paramref name="n"/> and <paramref name="m"/> values.</summary>
    /// <param name="n">The size of one sample (at least 1).</param>
    /// <param name="m">The size of the other (at least 1).</param>
    /// <param name="u">The value; a fraction is rounded down (U takes whole values).</param>
    public static double Cdf(int n, int m, double u)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        double pairs = (double)n * m;
        if (double.IsNaN(u))
        {
            throw new ArgumentException("u is not a number.", nameof(u));
        }

        if (u < 0)
        {
            return 0;
        }

        if (u >= pairs)
        {
            return 1;
        }

        int whole = (int)Math.Floor(u);
        if (pairs > ExactLimit)
        {
            double sd = Math.Sqrt(pairs * (n + m + 1) / 12.0);
            return NormalCdf((whole + 0.5 - (pairs / 2)) / sd);
        }

        // The table holds the lower half, where the counts are exact to rounding; the upper half comes by symmetry,
        // P(U <= u) = 1 - P(U <= n * m - u - 1), so that no cancellation in the upper counts shows.
        return whole <= pairs / 2 ? Cumulative(n, m)[whole] : 1 - Cumulative(n, m)[(int)pairs - whole - 1];
    }

    /// <summary>P(U &gt;= <paramref name="u"/>): by the symmetry of U around n * m / 2, P(U &lt;= n * m - u).</summary>
    /// <param name="n">The size of one sample.</param>
    /// <param name="m">The size of the other.</param>
    /// <param name="u">The value; a fraction is rounded up.</param>
    public static double UpperTail(int n, int m, double u) => Cdf(n, m, ((double)n * m) - Math.Ceiling(u));

    // The distribution is the same with the samples swapped, so one table per unordered pair of sizes.
    private static double[] Cumulative(int n, int m) =>
        s_cumulative.GetOrAdd((Math.Min(n, m), Math.Max(n, m)), key => Build(key.Small, key.Large));

    private static double[] Build(int n, int m)
    {
        int max = n * m;
        var f = new double[max + 1];
        f[0] = 1;
        for (int i = 1; i <= n; i++)
        {
            // Times (1 - q^(m+i)), highest degree first so that each step reads the old coefficients...
            for (int k = max; k >= m + i; k--)
            {
                f[k] -= f[k - m - i];
            }

            // ...then over (1 - q^i): the series 1 + q^i + q^2i + ..., lowest degree first. The quotient is a
            // polynomial (a Gaussian binomial), so cutting it at degree n * m loses nothing.
            for (int k = i; k <= max; k++)
            {
                f[k] += f[k - i];
            }
        }

        // The total is C(n + m, n), taken as a product rather than as the sum of the counts: the counts of the upper
        // half carry the cancellation of every step (only the lower half is read), and their sum is off by 1e-7.
        double total = 1;
        for (int i = 1; i <= n; i++)
        {
            total = total * (m + i) / i;
        }

        var cumulative = new double[(max / 2) + 1];
        double running = 0;
        for (int k = 0; k < cumulative.Length; k++)
        {
            running += f[k];
            cumulative[k] = Math.Min(1, running / total);
        }

        return cumulative;
    }

    /// <summary>The standard normal distribution function.</summary>
    /// <param name="z">The value.</param>
    internal static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    // The complementary error function by Chebyshev fitting, fractional error under 1.2e-7 everywhere (Numerical
    // Recipes in C, 2nd ed., 6.2, erfcc): enough for p-values compared with 0.005.
    private static double Erfc(double x)
    {
        ReadOnlySpan<double> c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        double z = Math.Abs(x);
        double t = 1 / (1 + (0.5 * z));
        double poly = 0;
        for (int i = c.Length - 1; i >= 1; i--)
        {
            poly = (poly + c[i]) * t;
        }

        double r = t * Math.Exp(-(z * z) + c[0] + poly);
        return x >= 0 ? r : 2 - r;
    }
}
