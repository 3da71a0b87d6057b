using System.Globalization;

namespace ConcurrencyBench.Reporting.Results;

/// <summary>
/// Reads run.json files of an earlier schema as the current one. Schema 1 (before 2026-12-06) had no row roles,
/// schemas 1 and 2 no typed inputs or transports, schemas 1 to 3 no worker builds, formats or starvation rows' waits:
/// they are inferred here, once, from the method and parameter names those runs used, so that no report rule ever
/// reads a name.
/// </summary>
public static class RunRecordMigration
{
    /// <summary>The oldest schema this build reads.</summary>
    public const int OldestSchema = 1;

    /// <summary>The record of <paramref name="run"/> in the current schema.</summary>
    /// <param name="run">A record read from a file of schema <paramref name="schema"/>.</param>
    /// <param name="schema">The file's schema, from <see cref="OldestSchema"/> to <see cref="RunRecord.CurrentSchema"/>.</param>
    public static RunRecord ToCurrent(RunRecord run, int schema)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(schema, OldestSchema);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(schema, RunRecord.CurrentSchema);
        return schema == RunRecord.CurrentSchema ? run : run with
        {
            Schema = RunRecord.CurrentSchema,
            Benchmarks = [.. run.Benchmarks.Select(b => ToCurrent(b, schema))],
        };
    }

    private static BenchmarkRecord ToCurrent(BenchmarkRecord b, int schema)
    {
        if (schema < 2)
        {
            b = b with { Role = b.Role ?? Schema1Role(b.Method), ListOrderTwin = b.ListOrderTwin ?? Schema1Twin(b) };
        }

        if (schema < 3)
        {
            b = b with { Inputs = b.Inputs ?? Schema2Inputs(b), Transport = b.Transport ?? Schema2Transport(b.Method) };
        }

        return b with { WorkerBuild = b.WorkerBuild ?? Schema3WorkerBuild(b), Format = b.Format ?? Schema3Format(b), Waits = b.Waits ?? Schema3Waits(b) };
    }

    // Schema-3 process-start rows: Start_JitWorker, StartHandshakeExit_AotWorker, ...
    private static string? Schema3WorkerBuild(BenchmarkRecord b) =>
        b.Type != "ProcessStartup" ? null
        : b.Method.EndsWith("_JitWorker", StringComparison.Ordinal) ? WorkerBuilds.Jit
        : b.Method.EndsWith("_AotWorker", StringComparison.Ordinal) ? WorkerBuilds.NativeAot
        : null;

    // Schema-3 serialization rows: RawBytes, SystemTextJson, MemoryPack.
    private static string? Schema3Format(BenchmarkRecord b) => b.Type != "SerializationFormats" ? null : b.Method switch
    {
        "RawBytes" => PayloadFormats.Raw,
        "SystemTextJson" => PayloadFormats.Text,
        "MemoryPack" => PayloadFormats.Binary,
        _ => null,
    };

    // Schema-3 starvation rows: TaskRunBlocking_DefaultMinimum and _RaisedMinimum hold pool threads, Async_TaskWhenAll none.
    private static string? Schema3Waits(BenchmarkRecord b) =>
        b.Type != "ThreadPoolStarvation" ? null
        : b.Method.StartsWith("TaskRunBlocking", StringComparison.Ordinal) ? "BlockingPool"
        : b.Method.StartsWith("Async", StringComparison.Ordinal) ? "Async"
        : null;

    // The methods of schema-1 runs: ProcessPool, ProcessPool_LargestFirst, ProcessPoolPipe..., RoundTrip_PoolWorker;
    // ProcessPerItem; Cluster_1Silo, Cluster_2Silos, ClusterOneWorkerPerSilo_*, RoundTrip_ClusterGrain.
    private static string? Schema1Role(string method) =>
        method.StartsWith("ProcessPool", StringComparison.Ordinal) || method == "RoundTrip_PoolWorker" ? RowRoles.Pool
        : method.StartsWith("ProcessPerItem", StringComparison.Ordinal) ? RowRoles.ProcessPerItem
        : method.StartsWith("Cluster", StringComparison.Ordinal) || method == "RoundTrip_ClusterGrain" ? RowRoles.Cluster
        : null;

    // Schema-1 largest-first rows were named after their list-order strategy: FixedThreads_LargestFirst.
    private static string? Schema1Twin(BenchmarkRecord b) =>
        b.IsLargestFirst && b.Method.EndsWith("_LargestFirst", StringComparison.Ordinal) ? b.Method[..^"_LargestFirst".Length] : null;

    // The parameters of schema-1 and -2 runs, by the names the suite and the CPython exercises gave them.
    private static InputsRecord? Schema2Inputs(BenchmarkRecord b)
    {
        var inputs = new InputsRecord(
            Int(b.Parameter("N")),
            Int(b.Parameter("K")),
            Int(b.Parameter("PayloadBytes")),
            Int(b.Parameter("Passes")),
            double.TryParse(b.Parameter("LatencyMs"), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) ? ms : null);
        return inputs == new InputsRecord() ? null : inputs;

        static int? Int(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : null;
    }

    // The transport rows of schema-1 and -2 runs: copy versus compute's ProcessPoolPipe, ProcessPoolUnixSocket,
    // ProcessPoolSharedMemory; the payload sweep's PipeEcho, UnixSocketOneWay, SharedMemoryHandOff, SharedMemoryPipeSignal...
    private static string? Schema2Transport(string method)
    {
        string name = method.StartsWith("ProcessPool", StringComparison.Ordinal) ? method["ProcessPool".Length..] : method;
        return new[] { Transports.Pipe, Transports.UnixSocket, Transports.SharedMemory }.FirstOrDefault(t => name.StartsWith(t, StringComparison.Ordinal));
    }
}
