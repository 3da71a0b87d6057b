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

    /// <summary>Gets the number of launches behind <see cref="Time"/>.</summary>
    public int Launches => Measured?.LaunchCount ?? 0;

    /// <summary>Gets the row its speedup and verdict are relative to (its baseline, or a like-for-like floor).</summary>
    public RowResult? Reference { get; init; }

    /// <summary>Gets the reference's time / this time (a speedup: above 1 is faster), with its interval.</summary>
    public Estimate? Speedup { get; init; }

    /// <summary>Gets why the speedup is an estimate (the reference was too expensive to measure), or null.</summary>
    public string? SpeedupEstimateNote { get; init; }

    /// <summary>Gets the ideal time / this time (1 = perfect), for strategy comparisons.</summary>
    public Estimate? Efficiency { get; init; }

    /// <summary>Gets the threshold test's verdict against the reference, at the level of <see cref="Speedup"/>'s interval.</summary>
    public Separation? VersusReference { get; init; }

    /// <summary>Gets the bytes that crossed the boundary per second, in 10^9 bytes, for data movement.</summary>
    public Estimate? GigabytesPerSecond { get; init; }

    /// <summary>Gets how the row's strategy hands out unequal items, for computing work with item costs; null otherwise.</summary>
    public ItemSchedule? Schedule { get; init; }

    /// <summary>
    /// Gets the best speedup the row's own schedule allows on its workers (greedy list scheduling, in list order or
    /// largest first); null for a time-sliced row, which follows no such schedule, and where the items' costs are unknown.
    /// </summary>
    public double? ScheduleBound { get; init; }

    /// <summary>
    /// Gets the most the row's speedup can be on this machine: its schedule's bound, or for a time-sliced row the
    /// ideal of any schedule (the total work over the cores, or the largest item); null where the items' costs are unknown.
    /// </summary>
    public double? SpeedupCeiling { get; init; }

    /// <summary>
    /// Gets a value indicating whether the row's speedup is above what its schedule and the cores allow: a figure the
    /// machine disturbed (its reference measured at a slower moment than the row), not a result to act on.
    /// </summary>
    public bool IsAboveCeiling => Speedup?.Value > SpeedupCeiling * (1 + 1e-9);

    /// <summary>
    /// Gets a value indicating whether the row's efficiency is above 1: its ideal's cost model does not hold for this
    /// row (a wait that ended early on the timers' coarse clock, or a reference measured at a slower moment).
    /// </summary>
    public bool IsAboveIdeal => Efficiency?.Value > 1 + 1e-9;

    /// <summary>Gets the method's name.</summary>
    public string Method => Record.Method;

    /// <summary>Gets a value indicating whether the row was measured.</summary>
    public bool IsMeasured => Measured is not null && Time is not null;

    /// <summary>
    /// Gets a value indicating whether the row is read against a like-for-like floor in process (its
    /// <see cref="BenchmarkRecord.ComparedWith"/> is a floor that crosses no transport): the same work on every
    /// transport, as the one-way rows do. A row read against the same transport in plain C is not one.
    /// </summary>
    public bool IsLikeForLike => Record.ComparedWith is not null && !Record.IsFloor && Reference is { Record: { IsFloor: true, Transport: null } };
}

/// <summary>How a strategy hands out unequal items: what bounds its speedup.</summary>
public enum ItemSchedule
{
    /// <summary>Its workers take the next item in list order as each becomes free.</summary>
    ListOrder,

    /// <summary>Its workers take the largest item left as each becomes free.</summary>
    LargestFirst,

    /// <summary>Every item at once (a thread or a task per item): the operating system time-slices them over the cores.</summary>
    TimeSliced,
}
