namespace ConcurrencyBench.Reporting.Statistics;

/// <summary>
/// The digamma and trigamma functions and the trigamma's inverse, which the empirical-Bayes prior of
/// <see cref="TrialVariancePrior"/> needs (Perfolizer has neither).
/// </summary>
/// <remarks>
/// Both functions use the recurrence to move the argument above 10, then the asymptotic series (Abramowitz and Stegun,
/// 6.3.18 and 6.4.12): accurate to about 1e-12 there. The inverse is Smyth's Newton iteration (limma's trigammaInverse).
/// </remarks>
internal static class Polygamma
{
    /// <summary>The digamma function (the logarithm's derivative of the gamma function), for x &gt; 0.</summary>
    public static double Digamma(double x)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(x, 0);
        double result = 0;
        for (; x < 10; x++)
        {
            result -= 1 / x;
        }

        double f = 1 / (x * x);
        return result + Math.Log(x) - (0.5 / x) - (f * ((1.0 / 12) - (f * ((1.0 / 120) - (f * ((1.0 / 252) - (f * ((1.0 / 240) - (f / 132)))))))));
    }

    /// <summary>The trigamma function (the digamma's derivative), for x &gt; 0.</summary>
    public static double Trigamma(double x)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(x, 0);
        double result = 0;
        for (; x < 10; x++)
        {
            result += 1 / (x * x);
        }

        double f = 1 / (x * x);
        return result + (1 / x) + (f / 2) + (f / x * ((1.0 / 6) - (f * ((1.0 / 30) - (f * ((1.0 / 42) - (f / 30)))))));
    }

    /// <summary>The x &gt; 0 with <see cref="Trigamma"/>(x) = <paramref name="y"/>, for y &gt; 0.</summary>
    public static double TrigammaInverse(double y)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(y, 0);
        if (y > 1e7)
        {
            return 1 / Math.Sqrt(y);
        }

        if (y < 1e-6)
        {
            return 1 / y;
        }

        // Newton on 1 / trigamma(x), which is nearly linear in x (Smyth, 2004).
        double x = 0.5 + (1 / y);
        for (int i = 0; i < 50; i++)
        {
            double tri = Trigamma(x);
            double step = -tri * (1 - (tri / y)) / TetragammaMagnitude(x);
            x += step;
            if (-step / x < 1e-10)
            {
                break;
            }
        }

        return x;
    }

    // -psi''(x), the tetragamma's magnitude, by the same recurrence and series (A&S 6.4.12 differentiated).
    private static double TetragammaMagnitude(double x)
    {
        double result = 0;
        for (; x < 10; x++)
        {
            result += 2 / (x * x * x);
        }

        double f = 1 / (x * x);
        return result + f + (f / x) + (f * f * (0.5 - (f * ((1.0 / 6) - (f * ((1.0 / 6) - (f * 0.3)))))));
    }
}
