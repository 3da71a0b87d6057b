using System.Globalization;

namespace ConcurrencyBench.Reporting.Statistics;

/// <summary>A point estimate with its confidence interval; the bounds are null when the samples are too few for one.</summary>
/// <param name="Value">The point estimate.</param>
/// <param name="Lower">The lower bound of the interval.</param>
/// <param name="Upper">The upper bound of the interval.</param>
public readonly record struct Estimate(double Value, double? Lower, double? Upper)
{
    /// <summary>Gets a value indicating whether the figure is exact by definition (no interval, none needed).</summary>
    public bool IsExact { get; init; }

    /// <summary>A figure exact by definition, such as the baseline's efficiency (its time is the ideal's unit).</summary>
    /// <param name="value">The value.</param>
    public static Estimate Exact(double value) => new(value, null, null) { IsExact = true };

    /// <summary>Gets a value indicating whether the estimate has an interval.</summary>
    public bool HasInterval => Lower is not null && Upper is not null;

    /// <summary>The same estimate multiplied by <paramref name="factor"/> (a positive constant).</summary>
    /// <param name="factor">The factor.</param>
    public Estimate Scale(double factor) => new(Value * factor, Lower * factor, Upper * factor) { IsExact = IsExact };

    /// <summary><paramref name="numerator"/> divided by the estimate (the bounds swap).</summary>
    /// <param name="numerator">A positive constant.</param>
    public Estimate Invert(double numerator) => new(numerator / Value, numerator / Upper, numerator / Lower) { IsExact = IsExact };

    /// <summary>"1.80 [1.76, 1.84]", or "1.80 [no interval]" when the samples were too few.</summary>
    /// <param name="format">The number format.</param>
    public string ToString(string format) => HasInterval
        ? string.Create(CultureInfo.InvariantCulture, $"{Value.ToString(format, CultureInfo.InvariantCulture)} [{Lower!.Value.ToString(format, CultureInfo.InvariantCulture)}, {Upper!.Value.ToString(format, CultureInfo.InvariantCulture)}]")
        : Value.ToString(format, CultureInfo.InvariantCulture) + (IsExact ? " (exact)" : " [too few samples for an interval]");

    /// <inheritdoc />
    public override string ToString() => ToString("0.###");
}
