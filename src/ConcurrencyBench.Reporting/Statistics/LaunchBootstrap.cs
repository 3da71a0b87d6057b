namespace ConcurrencyBench.Reporting.Statistics;

/// <summary>
/// A row measured in several launches, with the launch as the unit: its time is the mean of its launches' medians,
/// and its uncertainty comes from a hierarchical bootstrap that resamples the launches, then the samples inside each
/// chosen launch (Kalibera and Jones, "Rigorous benchmarking in reasonable time", ISMM 2013, section 5; Davison and
/// Hinkley, Bootstrap Methods and their Application, 3.8).
/// </summary>
/// <remarks>
/// Why this and not the samples pooled: launches start at different moments of a shared machine, and their medians
/// differ by more than their samples vary (in the committed full run, 24 of 107 rows had two launches that differ at
/// p &lt; 0.01), so an interval from pooled samples is far too narrow. Why not a t interval over the launch medians:
/// with two launches it has one degree of freedom (a 99% half-width of 32 times their difference), which would make
/// every full-profile verdict "not separated". The bootstrap's interval covers the spread between the launches (with
/// two, about the range of their medians, widened by each launch's own noise) and, like any interval from two launches,
/// cannot say how far a third would fall: more launches (trials) are the cure, not a different formula.
/// The resampling is seeded from the row's name, so a report rebuilt from the same files prints the same figures. In a
/// trial run the rows draw the same trials in each resample, so a ratio of two rows is resampled trial by trial (both
/// rows' trial t measured in the same minutes), which removes the drift of the machine between trials from its interval.
/// </remarks>
public sealed class LaunchBootstrap
{
    /// <summary>The resamples: 5,000, so that a 99% interval's tails hold 25 each.</summary>
    public const int Resamples = 5000;

    private const int LaunchStreamSeed = 20_260_401;

    private readonly double[][] _launches;
    private readonly ulong _seed;
    private readonly bool _paired;
    private double[]? _replicates;

    /// <summary>Initializes a new instance of the <see cref="LaunchBootstrap"/> class.</summary>
    /// <param name="launches">The samples of each launch (positive values, at least one per launch).</param>
    /// <param name="name">The row's name, which seeds the resampling.</param>
    /// <param name="paired">Whether launch t of every row was measured in the same trial t (a trial run): the rows'
    /// resamples then draw the same trials.</param>
    public LaunchBootstrap(IReadOnlyList<IReadOnlyList<double>> launches, string name, bool paired = false)
    {
        _paired = paired;
        ArgumentNullException.ThrowIfNull(launches);
        ArgumentNullException.ThrowIfNull(name);
        if (launches.Count == 0 || launches.Any(l => l is null || l.Count == 0))
        {
            throw new ArgumentException("every launch needs a sample.", nameof(launches));
        }

        _launches = [.. launches.Select(l => l.Order().ToArray())];
        _seed = Fnv1a(name);
        Estimate = _launches.Average(RatioEstimator.MedianOfSorted);
    }

    /// <summary>Gets the point estimate: the mean of the launches' medians (each launch counts once).</summary>
    public double Estimate { get; }

    /// <summary>Gets the launches' medians, in launch order.</summary>
    public IReadOnlyList<double> LaunchMedians => [.. _launches.Select(RatioEstimator.MedianOfSorted)];

    /// <summary>Gets the estimate of each resample, in the order drawn (the same every time for the same name).</summary>
    public IReadOnlyList<double> Replicates => _replicates ??= Draw();

    /// <summary>
    /// Whether the resamples can reach the level at all: the equally likely ways to draw a resample (L^L for the
    /// launches, n^n for the samples of each) must be at least 2 / alpha, or the interval's ends are a handful of
    /// values repeated (two launches of one sample each have four).
    /// </summary>
    /// <param name="alpha">The significance level.</param>
    public bool CanDecide(double alpha) =>
        (_launches.Length * Math.Log(_launches.Length)) + _launches.Sum(l => l.Length * Math.Log(l.Length)) >= Math.Log(2 / alpha);

    /// <summary>The estimate with its percentile interval at <paramref name="confidenceLevel"/>.</summary>
    /// <param name="confidenceLevel">For example 0.99.</param>
    public Estimate Interval(double confidenceLevel) =>
        CanDecide(1 - confidenceLevel) ? Percentile(Estimate, Replicates, confidenceLevel) : new Estimate(Estimate, null, null);

    /// <summary>
    /// <paramref name="x"/>'s time over <paramref name="y"/>'s, resample by resample, with its percentile interval, and
    /// the test of a ratio beyond the threshold read from the same resamples: Slower when at most alpha / 2 of the
    /// ratios are at or below 1 + threshold (so exactly when the interval's lower end is above it), Faster when at most
    /// alpha / 2 are at or above 1 / (1 + threshold).
    /// </summary>
    /// <param name="x">The candidate.</param>
    /// <param name="y">The reference.</param>
    /// <param name="settings">Significance level and threshold.</param>
    public static (Estimate Ratio, Separation Verdict) Compare(LaunchBootstrap x, LaunchBootstrap y, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(settings);
        IReadOnlyList<double> rx = x.Replicates, ry = y.Replicates;
        var ratios = new double[Resamples];
        for (int b = 0; b < Resamples; b++)
        {
            ratios[b] = rx[b] / ry[b];
        }

        double high = 1 + (settings.ThresholdPercent / 100);
        int tail = Tail(settings.ConfidenceLevel);
        int atOrBelowHigh = ratios.Count(r => r <= high), atOrAboveLow = ratios.Count(r => r >= 1 / high);
        Separation verdict = atOrBelowHigh <= tail ? Separation.Slower : atOrAboveLow <= tail ? Separation.Faster : Separation.NotSeparated;
        return (Percentile(x.Estimate / y.Estimate, ratios, settings.ConfidenceLevel), verdict);
    }

    // The resamples in each tail of an interval at this level: the interval runs from the (tail + 1)-th smallest to
    // the (tail + 1)-th largest, so "at most tail resamples at or below v" is "the lower end above v".
    private static int Tail(double confidenceLevel) => (int)Math.Floor(Resamples * (1 - confidenceLevel) / 2 + 1e-9);

    private static Estimate Percentile(double estimate, IReadOnlyList<double> replicates, double confidenceLevel)
    {
        double[] sorted = [.. replicates.Order()];
        int tail = Tail(confidenceLevel);
        return new Estimate(estimate, sorted[tail], sorted[^(tail + 1)]);
    }

    // Paired (a trial run): the launches drawn come from a stream that depends only on their count, so two rows of the
    // same trials draw the same trials in every resample (launch t of every row is trial t, measured in the same
    // minutes of the machine, and a ratio is taken trial by trial), and the samples inside a launch from the row's own
    // stream. Unpaired (launches at unrelated moments, as BenchmarkDotNet runs them): one stream of the row's own for
    // both, so that a chance correlation between two rows' launches cannot narrow their ratio's interval.
    private double[] Draw()
    {
        var sampleStream = new Random((int)(_seed ^ (_seed >> 32)));
        Random launchStream = _paired ? new Random(LaunchStreamSeed + _launches.Length) : sampleStream;
        var replicates = new double[Resamples];
        int[] counts = new int[_launches.Max(l => l.Length)];
        for (int b = 0; b < Resamples; b++)
        {
            double sum = 0;
            for (int l = 0; l < _launches.Length; l++)
            {
                sum += ResampledMedian(_launches[launchStream.Next(_launches.Length)], sampleStream, counts);
            }

            replicates[b] = sum / _launches.Length;
        }

        return replicates;
    }

    // The median of n values drawn with replacement from a sorted launch: count the draws per index, then walk the
    // counts to the middle (linear, no sort).
    private static double ResampledMedian(double[] sorted, Random random, int[] counts)
    {
        int n = sorted.Length;
        Array.Clear(counts, 0, n);
        for (int i = 0; i < n; i++)
        {
            counts[random.Next(n)]++;
        }

        // The 0-based ranks of the middle: one for odd n, two for even n.
        int lowRank = (n - 1) / 2, highRank = n / 2;
        double low = double.NaN;
        int seen = 0;
        for (int i = 0; i < n; i++)
        {
            seen += counts[i];
            if (double.IsNaN(low) && seen > lowRank)
            {
                low = sorted[i];
            }

            if (seen > highRank)
            {
                return (low + sorted[i]) / 2;
            }
        }

        return low;
    }

    private static ulong Fnv1a(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return hash;
    }
}
