using System.Globalization;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Writing;

/// <summary>How reports print numbers: times in a unit that suits them, three significant digits, invariant culture.</summary>
public static class Units
{
    /// <summary>A time in nanoseconds as "1.23 ms".</summary>
    /// <param name="nanoseconds">The time.</param>
    public static string Time(double nanoseconds)
    {
        (double scale, string unit) = Math.Abs(nanoseconds) switch
        {
            >= 1e9 => (1e9, "s"),
            >= 1e6 => (1e6, "ms"),
            >= 1e3 => (1e3, "µs"),
            _ => (1.0, "ns"),
        };
        return Number(nanoseconds / scale) + " " + unit;
    }

    /// <summary>A time with its interval, in one unit: "1.23 ms [1.20, 1.27]".</summary>
    /// <param name="estimate">The time in nanoseconds.</param>
    public static string Time(Estimate estimate)
    {
        (double scale, string unit) = Math.Abs(estimate.Value) switch
        {
            >= 1e9 => (1e9, "s"),
            >= 1e6 => (1e6, "ms"),
            >= 1e3 => (1e3, "µs"),
            _ => (1.0, "ns"),
        };
        Estimate scaled = estimate.Scale(1 / scale);
        return scaled.HasInterval
            ? $"{Number(scaled.Value)} [{Number(scaled.Lower!.Value)}, {Number(scaled.Upper!.Value)}] {unit}"
            : $"{Number(scaled.Value)} {unit} (no interval)";
    }

    /// <summary>A dimensionless figure (speedup, efficiency, GB/s) with its interval: "1.80 [1.76, 1.84]".</summary>
    /// <param name="estimate">The figure.</param>
    public static string Ratio(Estimate? estimate) => estimate is Estimate e ? WithInterval(e, Number) : "-";

    /// <summary>A number with three significant digits (at least two decimals below 10).</summary>
    /// <param name="value">The number.</param>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            return "-";
        }

        double magnitude = Math.Abs(value);
        string format = magnitude switch
        {
            >= 100 => "0",
            >= 10 => "0.0",
            >= 0.01 or 0 => "0.00",
            _ => "0.000",
        };
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A byte count as "64 KiB", "16 MiB" or "1,000 B".</summary>
    /// <param name="bytes">The bytes.</param>
    public static string Bytes(double bytes) => bytes switch
    {
        >= 1 << 30 when bytes % (1 << 30) == 0 => $"{bytes / (1 << 30):0} GiB",
        >= 1 << 20 when bytes % (1 << 20) == 0 => $"{bytes / (1 << 20):0} MiB",
        >= 1 << 10 when bytes % (1 << 10) == 0 => $"{bytes / (1 << 10):0} KiB",
        >= 1 << 30 => (bytes / (1 << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GiB",
        _ => bytes.ToString("#,0", CultureInfo.InvariantCulture) + " B",
    };

    /// <summary>A duration as "6 min 55 s" or "12.3 s".</summary>
    /// <param name="duration">The duration.</param>
    public static string Duration(TimeSpan duration) => duration.TotalSeconds >= 60
        ? $"{(int)duration.TotalMinutes} min {duration.Seconds} s"
        : duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string WithInterval(Estimate e, Func<double, string> format) => e.HasInterval
        ? $"{format(e.Value)} [{format(e.Lower!.Value)}, {format(e.Upper!.Value)}]"
        : $"{format(e.Value)} ({(e.IsExact ? "exact" : "no interval")})";
}
