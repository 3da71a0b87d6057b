using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Decisions;

/// <summary>
/// Why a row the test shows slower is one to avoid, read from the roles run.json gives it (how many items it runs at
/// once, how it waits, its role, worker build, transport, format): never from its method's name.
/// </summary>
internal static class AvoidReasons
{
    /// <summary>The reason for a row of waiting work (its ideal is one latency); null when its roles name none.</summary>
    /// <param name="row">The row.</param>
    public static AvoidReason? OfWaiting(RowResult row)
    {
        ArgumentNullException.ThrowIfNull(row);
        BenchmarkRecord r = row.Record;
        return (r.Workers, r.Waits) switch
        {
            ("One", _) => AvoidReason.WaitsForOneCallAtATime,
            _ when r.Role == RowRoles.ProcessPerItem => AvoidReason.StartsAProcessPerCall,
            ("K", _) => AvoidReason.AtMostKAtOnce,
            ("PerItem", "Blocking") => AvoidReason.ThreadPerCall,
            ("PerItem", "BlockingPool") => AvoidReason.PoolThreadPerCall,
            _ => null,
        };
    }

    /// <summary>The reason for a row of <paramref name="cls"/> shown slower than the winners, in a few words.</summary>
    /// <param name="row">The row.</param>
    /// <param name="cls">Its class.</param>
    /// <param name="interpreter">The CPython interpreter of the run, for CPython's rows; null when none ran.</param>
    public static AvoidReason Of(RowResult row, ClassRecord cls, CPythonRecord? interpreter)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(cls);
        BenchmarkRecord r = row.Record;
        bool computing = cls.IdealTime?.Model == IdealTimeRecord.WorkOverCores;
        if (cls.IdealTime?.Model == IdealTimeRecord.OneLatency)
        {
            return OfWaiting(row) ?? AvoidReason.NoneNamed;
        }

        return r switch
        {
            { Waits: "Async" } when computing && row.VersusReference != Separation.Faster => AvoidReason.ItemsRanOneAfterAnother,
            { Workers: "One" or "1" } => AvoidReason.RunsOneItemAtATime,
            { Role: RowRoles.ProcessPerItem } => AvoidReason.StartsAProcessPerItem,
            { Role: RowRoles.Pool or RowRoles.PipelinedPool } when computing => AvoidReason.RoundTripPerItem,
            { Role: RowRoles.ChunkedPool } when computing => AvoidReason.RoundTripPerChunk,
            { Role: RowRoles.Cluster } => AvoidReason.GrainCallPerItem,
            { Role: RowRoles.ChunkedCluster } => AvoidReason.GrainCallPerChunk,
            { Waits: "Blocking" or "BlockingPool" } when computing && cls.IsCPython && interpreter?.GilEnabled == true => AvoidReason.OneThreadRunsPythonAtATime,
            { Workers: "PerItem", Waits: "Blocking" } => AvoidReason.ThreadPerItem,
            { Workers: "K", Waits: "Blocking" or "BlockingPool", Inputs.LatencyMilliseconds: not null } => AvoidReason.AtMostKAtOnce,
            { Waits: "BlockingPool", Inputs.LatencyMilliseconds: not null } => AvoidReason.PoolThreadPerCall,
            { WorkerBuild: WorkerBuilds.Jit } => AvoidReason.StartsTheJitRuntime,
            { Transport: Transports.Pipe or Transports.UnixSocket } when cls.Kind == QuestionKind.DataMovement => AvoidReason.CopiedThroughTheKernel,
            { Format: PayloadFormats.Text } => AvoidReason.TextFormat,
            _ => AvoidReason.NoneNamed,
        };
    }
}
