using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis;

/// <summary>One benchmark case as the reports show it: its time and what it is worth against its reference row.</summary>
public sealed record RowResult
{
    /// <summary>Gets the case.</summary>
    public required BenchmarkRecord Record { get; init; }

    /// <summary>Gets its measurements; null when it was not measured.</summary>
    public MeasuredBenchmark? Measured { get; init; }

    /// <summary>Gets the median time per operation in nanoseconds, with its interval.</summary>
    public Estimate? Time { get; init; }

    /// <summary>Gets the number of samples behind <see cref="Time"/>.</summary>
    public int Samples => Measured?.Samples.Count ?? 0;

    /// <summary>Gets the row its speedup and verdict are relative to (its baseline, or a like-for-like floor).</summary>
    public RowResult? Reference { get; init; }

    /// <summary>Gets the reference's time / this time (a speedup: above 1 is faster), with its interval.</summary>
    public Estimate? Speedup { get; init; }

    /// <summary>Gets why the speedup is an estimate (the reference was too expensive to measure), or null.</summary>
    public string? SpeedupEstimateNote { get; init; }

    /// <summary>Gets the ideal time / this time (1 = perfect), for strategy comparisons.</summary>
    public Estimate? Efficiency { get; init; }

    /// <summary>Gets the equivalence test's verdict against the reference.</summary>
    public Separation? VersusReference { get; init; }

    /// <summary>Gets the bytes that crossed the boundary per second, in 10^9 bytes, for data movement.</summary>
    public Estimate? GigabytesPerSecond { get; init; }

    /// <summary>Gets the speedup bound of a list-order schedule of the items on this row's workers, for computing work.</summary>
    public double? ListOrderBound { get; init; }

    /// <summary>Gets the speedup bound of a largest-first schedule on this row's workers, for computing work.</summary>
    public double? LargestFirstBound { get; init; }

    /// <summary>Gets the bound of the schedule this row's strategy follows (largest first or list order), for computing work.</summary>
    public double? ScheduleBound => Record.IsLargestFirst ? LargestFirstBound : ListOrderBound;

    /// <summary>Gets the method's name.</summary>
    public string Method => Record.Method;

    /// <summary>Gets a value indicating whether the row was measured.</summary>
    public bool IsMeasured => Measured is not null && Time is not null;
}
