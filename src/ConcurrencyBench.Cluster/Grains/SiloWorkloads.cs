using System.Collections.Frozen;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Cluster.Grains;

/// <summary>
/// What a silo serves to a grain call: the workloads the cluster strategies run, and the tests' diagnostic workload
/// only when its launcher asked for it. A silo can be called by anyone who reaches its gateway and knows the cluster id,
/// so it never serves a worker's IPC handlers (connect to a socket path, map a parent's descriptor) or the diagnostic
/// crash and hang by default.
/// </summary>
internal static class SiloWorkloads
{
    /// <summary>The silo option that adds the diagnostic workload (tests only).</summary>
    public const string ServeDiagnosticsOption = "--serve-diagnostics";

    private static readonly FrozenSet<string> Served = new[]
    {
        PrimeCheckWorkload.WorkloadId,
        ApiAggregationWorkload.WorkloadId,
        GranularKernelWorkload.WorkloadId,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a silo serves <paramref name="workloadId"/>.</summary>
    /// <param name="workloadId">The id a grain call names.</param>
    /// <param name="diagnostics">Whether the silo was started with <see cref="ServeDiagnosticsOption"/>.</param>
    public static bool Serves(string workloadId, bool diagnostics) =>
        Served.Contains(workloadId) || (diagnostics && workloadId == DiagnosticWorkload.WorkloadId);
}
