using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Decisions;

/// <summary>The kind of work a decision is about: its class's question and what tells the group read apart.</summary>
/// <param name="Question">The class's question, as run.json gives it.</param>
/// <param name="IsCPython">Whether the class measured CPython.</param>
/// <param name="Items">The items of one operation (N), where the group is one N.</param>
/// <param name="PayloadBytes">The bytes of one payload, where the group is one payload size.</param>
/// <param name="ItemNanoseconds">One item's time on one core, where the group is one size of equal items.</param>
/// <param name="GroupKey">The group's key, where nothing typed tells it apart.</param>
internal sealed record DecisionWork(string Question, bool IsCPython, int? Items = null, int? PayloadBytes = null, double? ItemNanoseconds = null, string? GroupKey = null);

/// <summary>A row a decision names: a method, or a pool over a transport (copy versus compute).</summary>
/// <param name="Method">The row's method; null for a pool over a transport.</param>
/// <param name="PoolOver">The transport of the pool, for copy versus compute.</param>
/// <param name="FromNanosecondsPerByte">The least compute per byte where the pool is shown faster, for copy versus compute.</param>
internal sealed record DecisionRow(string? Method, string? PoolOver = null, double? FromNanosecondsPerByte = null);

/// <summary>A row to avoid and why.</summary>
/// <param name="Row">The row.</param>
/// <param name="Reason">Why, read from its roles.</param>
internal sealed record DecisionAvoid(DecisionRow Row, AvoidReason Reason);

/// <summary>What the figure that decides is.</summary>
internal enum DecisionFigureKind
{
    /// <summary>Waiting work: the ideal time (one latency) over the row's time.</summary>
    Efficiency,

    /// <summary>The reference's time over the row's.</summary>
    Speedup,

    /// <summary>Moving data: gigabytes a second.</summary>
    GigabytesPerSecond,

    /// <summary>A time per operation.</summary>
    Time,

    /// <summary>Copy versus compute, no pool faster: a pool's speedup at the heaviest compute.</summary>
    PoolSpeedupAtTheHeaviestCompute,

    /// <summary>Copy versus compute: the pool's speedup at the least compute per byte where it pays.</summary>
    SpeedupAtNanosecondsPerByte,
}

/// <summary>The figure that decides, with its interval.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Value">The figure.</param>
/// <param name="OfFloor">For GB/s, the row's ratio to its floor, where one was measured.</param>
/// <param name="AtNanosecondsPerByte">For <see cref="DecisionFigureKind.SpeedupAtNanosecondsPerByte"/>, the compute per byte.</param>
internal sealed record DecisionFigure(DecisionFigureKind Kind, Estimate Value, double? OfFloor = null, double? AtNanosecondsPerByte = null);

/// <summary>What a decision's reference is.</summary>
internal enum DecisionReference
{
    /// <summary>No reference row.</summary>
    None,

    /// <summary>A floor (an in-process copy, /bin/true).</summary>
    Floor,

    /// <summary>The group's baseline.</summary>
    Baseline,

    /// <summary>Another row of the group.</summary>
    Row,
}

/// <summary>What a decision rests on.</summary>
/// <param name="Launches">The fastest row's launches (or trials).</param>
/// <param name="Samples">Its samples over them.</param>
/// <param name="Verdict">Its verdict against its reference; null when it has none.</param>
/// <param name="Reference">What its reference is.</param>
/// <param name="ReferenceMethod">The reference's method.</param>
/// <param name="Disturbed">Whether its speedup is above the cores' ceiling.</param>
/// <param name="PoolShownFaster">For copy versus compute: whether a pool was shown faster than computing in process.</param>
internal sealed record DecisionBasis(int Launches, int Samples, Separation? Verdict, DecisionReference Reference, string? ReferenceMethod, bool Disturbed, bool? PoolShownFaster = null);
