using System.Net;

namespace ConcurrencyBench.Cluster;

/// <summary>How <see cref="OrleansCluster.StartAsync"/> starts a cluster of silo processes on this machine.</summary>
public sealed record ClusterStartOptions
{
    /// <summary>Gets the number of silos, at least 1; the first is the primary. Default 2.</summary>
    public int Silos { get; init; } = 2;

    /// <summary>Gets the cluster id; null picks a fresh one per cluster, so that clusters started side by side never meet.</summary>
    public string? ClusterId { get; init; }

    /// <summary>Gets the service id. Default "concurrencybench".</summary>
    public string ServiceId { get; init; } = "concurrencybench";

    /// <summary>Gets the address the silos listen on and advertise. Default loopback: nothing outside the machine can reach them.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>Gets each silo's minimum worker threads, at least 1. Default 8: CPU-bound grain calls starve the pool's default on a small machine.</summary>
    public int MinWorkerThreads { get; init; } = 8;

    /// <summary>Gets how long one grain call may take before it fails and its item is retried; it must exceed the
    /// longest item. Default 5 s (Orleans' own default is 30 s).</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets how long an item may go on failing for the cluster's reasons (a lost silo, no gateway) before it
    /// fails for good. Default 30 s.</summary>
    public TimeSpan FailoverTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets how long the whole start may take. Default 60 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets a value indicating whether the silos also serve the tests' diagnostic workload (its crash, hang and
    /// blocking items): for tests only. Default false: a silo serves the workloads the cluster strategies run and nothing
    /// else, whoever calls it.
    /// </summary>
    public bool ServesDiagnosticWorkloads { get; init; }

    /// <summary>Gets a path to ConcurrencyBench.Silo.dll; null finds it (the <c>CONCURRENCYBENCH_SILO</c> variable, the build output).</summary>
    public string? SiloProgram { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Silos, 1, nameof(Silos));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinWorkerThreads, 1, nameof(MinWorkerThreads));
        ArgumentException.ThrowIfNullOrWhiteSpace(ServiceId, nameof(ServiceId));
        ArgumentNullException.ThrowIfNull(BindAddress, nameof(BindAddress));
        if (ClusterId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(ClusterId, nameof(ClusterId));
        }

        ClusterArguments.ThrowIfNotPositive(ResponseTimeout, nameof(ResponseTimeout));
        ClusterArguments.ThrowIfNotPositive(FailoverTimeout, nameof(FailoverTimeout));
        ClusterArguments.ThrowIfNotPositive(StartTimeout, nameof(StartTimeout));
    }
}
