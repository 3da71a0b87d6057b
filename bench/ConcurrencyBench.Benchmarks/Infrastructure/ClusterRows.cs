using System.Globalization;
using System.Net;
using ConcurrencyBench.Cluster;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// The set-up of a cluster row, before its measurement: an Orleans cluster of a given number of silo processes on
/// this machine, or, when <c>--cluster-gateways</c> named one, the existing cluster; and one strategy on it. Its
/// time to ready and the items each silo ran go to the run's record.
/// </summary>
internal sealed class ClusterRows : IDisposable
{
    /// <summary>The gateways of an existing cluster, <c>host:port</c> separated by commas (set from <c>--cluster-gateways</c>).</summary>
    public const string GatewaysVariable = "CONCURRENCYBENCH_CLUSTER_GATEWAYS";

    /// <summary>The existing cluster's cluster id (set from <c>--cluster-id</c>).</summary>
    public const string ClusterIdVariable = "CONCURRENCYBENCH_CLUSTER_ID";

    /// <summary>The existing cluster's service id (set from <c>--service-id</c>).</summary>
    public const string ServiceIdVariable = "CONCURRENCYBENCH_CLUSTER_SERVICE_ID";

    private const int WarmUpBatch = 250;
    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromSeconds(6);

    private readonly OrleansCluster _cluster;
    private readonly bool _existing;

    private ClusterRows(OrleansCluster cluster, ClusterStrategy strategy, bool existing)
    {
        _cluster = cluster;
        Strategy = strategy;
        _existing = existing;
    }

    /// <summary>Gets the strategy the row measures.</summary>
    public ClusterStrategy Strategy { get; }

    /// <summary>Gets the facts the row reports: silos, time to ready, items per silo.</summary>
    public ClusterFacts Facts
    {
        get
        {
            IReadOnlyDictionary<int, long> items = Strategy.ItemsPerSilo;
            int silos = Math.Max(_cluster.ActiveSilosAtStart, items.Count == 0 ? 0 : items.Keys.Max() + 1);
            return new(_cluster.ActiveSilosAtStart, _cluster.TimeToReady.TotalMilliseconds, [.. Enumerable.Range(0, silos).Select(i => items.GetValueOrDefault(i))], _existing);
        }
    }

    /// <summary>
    /// Starts <paramref name="silos"/> silos (or connects to the existing cluster) and creates the row's strategy:
    /// <paramref name="workers"/> worker slots in all, spread evenly over the silos, or one stateless worker per silo.
    /// </summary>
    /// <param name="silos">The silos to start, at least 1 (ignored for an existing cluster).</param>
    /// <param name="placement">How items are spread over the silos.</param>
    /// <param name="workers">The worker slots in all, for <see cref="ClusterPlacement.DistinctKeys"/>.</param>
    /// <param name="minWarmUp">The least time tiny calls warm the client and silos up before the measurement; one
    /// second when null.</param>
    /// <param name="chunkSize">The items each grain call carries (<see cref="ClusterStrategy.ChunkSize"/>); 1 by default.</param>
    public static ClusterRows Start(int silos, ClusterPlacement placement, int workers, TimeSpan? minWarmUp = null, int chunkSize = 1) =>
        Start(silos, placement, workers, strategy => WarmUpAsync(strategy, minWarmUp ?? TimeSpan.FromSeconds(1)), chunkSize: chunkSize);

    /// <summary>Starts the cluster, creates the strategy and warms it with <paramref name="warmUp"/> (a seam for tests).</summary>
    /// <param name="silos">Silos to start here.</param>
    /// <param name="placement">How the strategy places its slots.</param>
    /// <param name="workers">Slots over all silos.</param>
    /// <param name="warmUp">The warm-up.</param>
    /// <param name="clusterId">The cluster id of silos started here; null draws one.</param>
    /// <param name="chunkSize">The items each grain call carries.</param>
    internal static ClusterRows Start(int silos, ClusterPlacement placement, int workers, Func<ClusterStrategy, Task> warmUp, string? clusterId = null, int chunkSize = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentNullException.ThrowIfNull(warmUp);
        IReadOnlyList<IPEndPoint>? gateways = ExistingGateways();
        OrleansCluster cluster = gateways is null
            ? OrleansCluster.StartAsync(new ClusterStartOptions
            {
                Silos = silos,
                ClusterId = clusterId,
                // A slot blocked in a waiting item holds a pool thread of its silo: the pool is given one per slot
                // up front, plus the cores (the default minimum, 8, covers the computing rows).
                MinWorkerThreads = Math.Max(8, (workers / silos) + Environment.ProcessorCount),
            }).GetAwaiter().GetResult()
            : OrleansCluster.ConnectAsync(
                gateways,
                Environment.GetEnvironmentVariable(ClusterIdVariable) ?? "concurrencybench",
                Environment.GetEnvironmentVariable(ServiceIdVariable) ?? "concurrencybench").GetAwaiter().GetResult();
        try
        {
            int perSilo = Math.Max(1, workers / Math.Max(1, gateways is null ? silos : cluster.ActiveSilosAtStart));
            ClusterStrategy strategy = cluster.CreateStrategy(placement, perSilo, chunkSize);
            warmUp(strategy).GetAwaiter().GetResult();
            return new ClusterRows(cluster, strategy, gateways is not null);
        }
        catch
        {
            // The set-up failed after the silos started: end them here, since nothing else holds them (with
            // --in-process they would run on through the later classes).
            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    // A fresh client and silo run Orleans' code at the JIT's first tiers: a tiny call took 150-400 µs for its first
    // 5,000-8,000 calls (2-3 s) and then settled at 40-80 µs once the runtime had recompiled it (2-core machine).
    // Tiny calls for at least minWarmUp and until the median of a batch stops falling (three batches within 10% of
    // the best), at most MaxWarmUp.
    private static async Task WarmUpAsync(ClusterStrategy strategy, TimeSpan minWarmUp)
    {
        PrimeCheckWorkload[] tiny = [new([97]), new([91])];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        double best = double.MaxValue;
        int settled = 0;
        var batch = new double[WarmUpBatch];
        while (clock.Elapsed < MaxWarmUp && (settled < 3 || clock.Elapsed < minWarmUp))
        {
            for (int i = 0; i < batch.Length; i++)
            {
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                await strategy.RunAsync(tiny[i & 1]).ConfigureAwait(false);
                batch[i] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            Array.Sort(batch);
            double median = batch[batch.Length / 2];
            settled = median <= best * 1.1 ? settled + 1 : 0;
            best = Math.Min(best, median);
        }

        strategy.ResetItemsPerSilo();
    }

    /// <summary>Parses a list of gateways, <c>host:port</c> separated by commas; null when it is not one.</summary>
    /// <param name="value">The list.</param>
    public static IReadOnlyList<IPEndPoint>? ParseGateways(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var endpoints = new List<IPEndPoint>();
        foreach (string part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (IPEndPoint.TryParse(part, out IPEndPoint? endpoint) && endpoint.Port > 0)
            {
                endpoints.Add(endpoint);
                continue;
            }

            int colon = part.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(part[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            {
                return null;
            }

            IPAddress? address = Resolve(part[..colon]);
            if (address is null)
            {
                return null;
            }

            endpoints.Add(new IPEndPoint(address, port));
        }

        return endpoints.Count == 0 ? null : endpoints;
    }

    // A host that does not resolve is a bad list (a usage error for --cluster-gateways), not a crash.
    private static IPAddress? Resolve(string host)
    {
        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Reads the row's facts, then stops the client and every silo this row started.</summary>
    /// <returns>The facts, as they stood when the row ended.</returns>
    public ClusterFacts Stop()
    {
        ClusterFacts facts = Facts;
        Dispose();
        return facts;
    }

    /// <summary>Stops the client and every silo this row started.</summary>
    public void Dispose() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static IReadOnlyList<IPEndPoint>? ExistingGateways() => ParseGateways(Environment.GetEnvironmentVariable(GatewaysVariable));
}

/// <summary>What a cluster row reports beside its time.</summary>
/// <param name="Silos">The active silos when the cluster was ready.</param>
/// <param name="TimeToReadyMilliseconds">From the first silo's start (or the connection's) to the first answered call.</param>
/// <param name="ItemsPerSilo">The items each silo ran over the benchmark, by silo index.</param>
/// <param name="Existing">Whether the row connected to an existing cluster instead of starting silos.</param>
public sealed record ClusterFacts(int Silos, double TimeToReadyMilliseconds, IReadOnlyList<long> ItemsPerSilo, bool Existing);
