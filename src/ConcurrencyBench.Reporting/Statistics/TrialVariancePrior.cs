namespace ConcurrencyBench.Reporting.Statistics;

/// <summary>
/// What the rows of one class say together about how much a row's trials vary: an empirical-Bayes prior for the
/// variance between trials (on a log scale), estimated from every row's own sample variance (Smyth, "Linear models and
/// empirical Bayes methods for assessing differential expression in microarray experiments", SAGMB 2004, section 6.2;
/// limma's squeezeVar). Each row's variance is then moderated toward it (<see cref="Moderate"/>).
/// </summary>
/// <remarks>
/// Why: three trials give a row's variance two degrees of freedom, so a t interval on them alone is about ten standard
/// errors wide at 99%, and a bootstrap of three trials is far too narrow (committed runs: its 99% intervals held another
/// run's estimate in 82% of the cases). The rows of a class are measured by one process, in the same trials, and vary
/// alike; their variances estimate the prior's scale and, by how much they differ from one another beyond what two degrees
/// of freedom explain, its weight (<see cref="DegreesOfFreedom"/>): rows that vary alike lend each other many degrees of
/// freedom, rows that do not lend few. The prior is a fit to the run's own rows, never a figure from another machine.
/// </remarks>
/// <param name="Variance">The prior's variance s0^2 (log scale).</param>
/// <param name="DegreesOfFreedom">The prior's weight d0, in degrees of freedom: 0 for no prior, infinity when the rows'
/// variances differ no more than sampling explains.</param>
public sealed record TrialVariancePrior(double Variance, double DegreesOfFreedom)
{
    /// <summary>
    /// The smallest variance a row counts with: a standard deviation of 0.01%. Rows whose trials gave the same median
    /// (a timer's tick) would otherwise have a log-variance of minus infinity and pull the prior to zero.
    /// </summary>
    public const double VarianceFloor = 1e-8;

    /// <summary>Gets the prior of a row alone: no weight, so a row keeps its own variance and degrees of freedom.</summary>
    public static TrialVariancePrior None { get; } = new(0, 0);

    /// <summary>
    /// The prior fitted to the rows' log values by trial (Smyth's method of moments on the log variances); <see cref="None"/>
    /// when fewer than two rows have two trials or more.
    /// </summary>
    /// <param name="rows">For each row, its values by trial on a log scale (rows with fewer than two are skipped).</param>
    public static TrialVariancePrior Fit(IEnumerable<IReadOnlyList<double>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        (double Variance, int Df)[] fits = [.. rows.Where(r => r is { Count: >= 2 }).Select(r => (Math.Max(SampleVariance(r), VarianceFloor), r.Count - 1))];
        if (fits.Length < 2)
        {
            return None;
        }

        // z = log s^2 has mean log sigma0^2 + digamma(d/2) - log(d/2) and variance trigamma(d/2) + trigamma(d0/2) under
        // the model (s^2 | sigma^2 ~ sigma^2 chi2_d / d, 1/sigma^2 ~ chi2_d0 / (d0 s0^2)).
        double[] e = [.. fits.Select(f => Math.Log(f.Variance) - Polygamma.Digamma(f.Df / 2.0) + Math.Log(f.Df / 2.0))];
        double mean = e.Average();
        double spread = (e.Sum(v => (v - mean) * (v - mean)) / (e.Length - 1)) - fits.Average(f => Polygamma.Trigamma(f.Df / 2.0));
        if (spread <= 0)
        {
            return new TrialVariancePrior(Math.Exp(mean), double.PositiveInfinity);
        }

        double d0 = 2 * Polygamma.TrigammaInverse(spread);
        return new TrialVariancePrior(Math.Exp(mean + Polygamma.Digamma(d0 / 2) - Math.Log(d0 / 2)), d0);
    }

    /// <summary>
    /// A row's variance moderated toward the prior, (d0 s0^2 + d s^2) / (d0 + d), with its degrees of freedom d0 + d.
    /// </summary>
    /// <param name="variance">The row's own sample variance s^2.</param>
    /// <param name="degreesOfFreedom">Its degrees of freedom d (trials - 1), at least 1.</param>
    public (double Variance, double DegreesOfFreedom) Moderate(double variance, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(variance);
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (double.IsPositiveInfinity(DegreesOfFreedom))
        {
            return (Variance, double.PositiveInfinity);
        }

        double total = DegreesOfFreedom + degreesOfFreedom;
        return (((DegreesOfFreedom * Variance) + (degreesOfFreedom * variance)) / total, total);
    }

    /// <summary>The unbiased sample variance (n - 1 in the denominator) of at least two values.</summary>
    /// <param name="values">The values.</param>
    public static double SampleVariance(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Count, 2, nameof(values));
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }
}
