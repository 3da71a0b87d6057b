using System.Diagnostics;
using System.Net;
using ConcurrencyBench.Cluster.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;

namespace ConcurrencyBench.Cluster;

/// <summary>
/// An Orleans cluster and one client of it in this process: either silos this object started as child processes
/// (<see cref="StartAsync"/>), or an existing cluster it connected to (<see cref="ConnectAsync"/>). Strategies on it
/// come from <see cref="CreateStrategy"/>. Disposing stops the client and every silo it started: no silo outlives it.
/// </summary>
public sealed class OrleansCluster : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly SiloProcess[] _silos;
    private readonly List<Task> _background = [];
    private int _disposed;

    private OrleansCluster(ServiceProvider services, string clusterId, string serviceId, SiloProcess[] silos, int activeSilos, TimeSpan failoverTimeout, TimeSpan timeToReady)
    {
        ClusterId = clusterId;
        ServiceId = serviceId;
        _services = services;
        _silos = silos;
        ActiveSilosAtStart = activeSilos;
        FailoverTimeout = failoverTimeout;
        TimeToReady = timeToReady;
        Client = services.GetRequiredService<IClusterClient>();
        Silos = [.. silos.Select(s => new SiloInfo(s.Index, s.ProcessId, s.Ready.SiloEndpoint, s.Ready.GatewayEndpoint, s.Index == 0, s.TimeToReady))];
    }

    /// <summary>Gets the cluster id (another client connects with it and <see cref="ServiceId"/>).</summary>
    public string ClusterId { get; }

    /// <summary>Gets the service id.</summary>
    public string ServiceId { get; }

    /// <summary>Gets the client, connected to every silo's gateway.</summary>
    public IClusterClient Client { get; }

    /// <summary>Gets the silos this object started, primary first; empty for a cluster it connected to.</summary>
    public IReadOnlyList<SiloInfo> Silos { get; }

    /// <summary>Gets the number of active silos when the cluster was ready.</summary>
    public int ActiveSilosAtStart { get; }

    /// <summary>Gets the time from the start of the first silo (or of the connection) to the client's first answered call.</summary>
    public TimeSpan TimeToReady { get; }

    internal TimeSpan FailoverTimeout { get; }

    internal ClusterHealth Health { get; } = new();

    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Gets the number of silos believed alive: those started less those seen to die.</summary>
    internal int LiveSilos => Math.Max(1, ActiveSilosAtStart - Health.LostCount);

    /// <summary>
    /// Starts <see cref="ClusterStartOptions.Silos"/> silos as child processes on this machine (the primary first,
    /// then the others, which join it), connects a client that knows every silo's gateway, and waits until the
    /// cluster answers with every silo active.
    /// </summary>
    /// <param name="options">The settings; defaults (2 silos on loopback) when null.</param>
    /// <param name="cancellationToken">Stops the start; whatever was started is ended.</param>
    /// <returns>The ready cluster.</returns>
    public static async Task<OrleansCluster> StartAsync(ClusterStartOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ClusterStartOptions();
        options.Validate();
        string program = SiloLocator.Find(options.SiloProgram);
        string clusterId = options.ClusterId ?? $"concurrencybench-{Guid.NewGuid():N}";
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.StartTimeout);
        var started = new List<SiloProcess>();
        ServiceProvider? services = null;
        long start = Stopwatch.GetTimestamp();
        try
        {
            string[] common =
            [
                $"--cluster-id={clusterId}",
                $"--service-id={options.ServiceId}",
                $"--bind={options.BindAddress}",
                $"--min-worker-threads={options.MinWorkerThreads}",
                .. options.ServesDiagnosticWorkloads ? (string[])[SiloWorkloads.ServeDiagnosticsOption] : [],
            ];
            SiloProcess primary = await SiloProcess.StartAsync(program, 0, common, limit.Token).ConfigureAwait(false);
            started.Add(primary);
            string[] joining = [.. common, $"--primary={primary.Ready.SiloEndpoint}"];
            Task<SiloProcess>[] others = [.. Enumerable.Range(1, options.Silos - 1).Select(i => SiloProcess.StartAsync(program, i, joining, limit.Token))];
            try
            {
                await Task.WhenAll(others).ConfigureAwait(false);
            }
            finally
            {
                started.AddRange(others.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }

            services = await ConnectClientAsync([.. started.Select(s => s.Ready.GatewayEndpoint)], clusterId, options.ServiceId, options.ResponseTimeout, limit.Token).ConfigureAwait(false);
            int active = await WaitForActiveSilosAsync(services.GetRequiredService<IClusterClient>(), options.Silos, limit.Token).ConfigureAwait(false);
            var cluster = new OrleansCluster(services, clusterId, options.ServiceId, [.. started], active, options.FailoverTimeout, Stopwatch.GetElapsedTime(start));
            cluster.Watch();
            return cluster;
        }
        catch (Exception ex)
        {
            if (services is not null)
            {
                await StopClientAsync(services).ConfigureAwait(false);
            }

            await StopSilosAsync(started).ConfigureAwait(false);
            if (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested && limit.IsCancellationRequested)
            {
                throw new TimeoutException($"the cluster of {options.Silos} silos was not ready within {options.StartTimeout.TotalSeconds:0.#} s; every silo started was ended.", ex);
            }

            throw;
        }
    }

    /// <summary>Connects a client to an existing cluster through its gateways; no silo is started or stopped.</summary>
    /// <param name="gateways">The silos' gateway endpoints.</param>
    /// <param name="clusterId">The cluster id the silos were given.</param>
    /// <param name="serviceId">The service id the silos were given.</param>
    /// <param name="responseTimeout">How long one grain call may take before its item is retried; 5 s when null.</param>
    /// <param name="cancellationToken">Stops the connection.</param>
    /// <returns>The connected cluster.</returns>
    public static async Task<OrleansCluster> ConnectAsync(
        IReadOnlyList<IPEndPoint> gateways, string clusterId, string serviceId, TimeSpan? responseTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        if (gateways.Count == 0 || gateways.Any(g => g is null))
        {
            throw new ArgumentException("at least one gateway endpoint, and no null one, is needed.", nameof(gateways));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        TimeSpan timeout = responseTimeout ?? new ClusterStartOptions().ResponseTimeout;
        ClusterArguments.ThrowIfNotPositive(timeout, nameof(responseTimeout));
        long start = Stopwatch.GetTimestamp();
        ServiceProvider services = await ConnectClientAsync(gateways, clusterId, serviceId, timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            int active = await WaitForActiveSilosAsync(services.GetRequiredService<IClusterClient>(), 1, cancellationToken).ConfigureAwait(false);
            return new OrleansCluster(services, clusterId, serviceId, [], active, new ClusterStartOptions().FailoverTimeout, Stopwatch.GetElapsedTime(start));
        }
        catch
        {
            await StopClientAsync(services).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates a strategy that runs workloads on this cluster.</summary>
    /// <param name="placement">How items are spread over the silos.</param>
    /// <param name="workersPerSilo">For <see cref="ClusterPlacement.DistinctKeys"/>: the worker slots per silo, at
    /// least 1; the core count when null. Ignored by <see cref="ClusterPlacement.OneWorkerPerSilo"/>.</param>
    /// <param name="chunkSize">The consecutive items each grain call carries (<see cref="ClusterStrategy.ChunkSize"/>),
    /// 1 to <see cref="ClusterStrategy.MaxChunkSize"/>; 1, one call per item, by default.</param>
    /// <returns>The strategy; it runs one workload at a time.</returns>
    public ClusterStrategy CreateStrategy(ClusterPlacement placement = ClusterPlacement.DistinctKeys, int? workersPerSilo = null, int chunkSize = 1)
    {
        if (!Enum.IsDefined(placement))
        {
            throw new ArgumentOutOfRangeException(nameof(placement), placement, "Unknown placement.");
        }

        int workers = workersPerSilo ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1, nameof(workersPerSilo));
        if (chunkSize is < 1 or > ClusterStrategy.MaxChunkSize)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, $"The chunk size must be from 1 to {ClusterStrategy.MaxChunkSize}.");
        }

        ObjectDisposedException.ThrowIf(IsDisposed, this);
        return new ClusterStrategy(this, placement, placement == ClusterPlacement.OneWorkerPerSilo ? 1 : workers, chunkSize);
    }

    /// <summary>Kills silo <paramref name="index"/> as SIGKILL would, for tests of failover.</summary>
    /// <returns>The process id killed.</returns>
    internal int KillSilo(int index)
    {
        SiloProcess silo = _silos[index];
        silo.Kill();
        return silo.ProcessId;
    }

    /// <summary>Stops the client, then the silos this object started (the others first, the primary last): each
    /// silo's input closes and it exits, and any still running after a grace is killed.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopClientAsync(_services).ConfigureAwait(false);
        await StopSilosAsync(_silos).ConfigureAwait(false);
        Task[] background;
        lock (_background)
        {
            background = [.. _background];
        }

        await Task.WhenAll(background).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private static async Task<ServiceProvider> ConnectClientAsync(
        IReadOnlyList<IPEndPoint> gateways, string clusterId, string serviceId, TimeSpan responseTimeout, CancellationToken cancellationToken)
    {
        var collection = new ServiceCollection();
        // Only errors, on standard error: a benchmark's output stays its own, and a failover's retries are not news.
        collection.AddLogging(logging => logging
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Error));
        collection.AddOrleansClient(client => client
            .UseStaticClustering([.. gateways])
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            })
            .Configure<ClientMessagingOptions>(o =>
            {
                o.ResponseTimeout = responseTimeout;
                // A timed-out call is cancelled in the grain too, and a cancelled call returns only once the grain
                // has stopped: no work goes on after a run returns.
                o.CancelRequestOnTimeout = true;
                o.WaitForCancellationAcknowledgement = true;
            }));
        ServiceProvider services = collection.BuildServiceProvider();
        try
        {
            // The client is a hosted service; no host here, whose console lifetime would take over Ctrl+C.
            await ((IHostedService)services.GetRequiredService<IClusterClient>()).StartAsync(cancellationToken).ConfigureAwait(false);
            return services;
        }
        catch
        {
            await services.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // The first answered call: the membership as the cluster sees it, polled until every silo started is active
    // (a silo that has printed its ready line may not yet be known to the others, which would place no grain on it).
    private static async Task<int> WaitForActiveSilosAsync(IClusterClient client, int expected, CancellationToken cancellationToken)
    {
        IManagementGrain management = client.GetGrain<IManagementGrain>(0);
        while (true)
        {
            Dictionary<SiloAddress, SiloStatus> hosts = await management.GetHosts(onlyActive: true).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (hosts.Count >= expected)
            {
                return hosts.Count;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task StopClientAsync(ServiceProvider services)
    {
        try
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await ((IHostedService)services.GetRequiredService<IClusterClient>()).StopAsync(grace.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A client that cannot say goodbye is closed all the same.
            Debug.WriteLine(ex);
        }
        finally
        {
            await services.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The others first, then the primary: a silo leaving gracefully tells the membership, which the primary holds.
    private static async Task StopSilosAsync(IReadOnlyCollection<SiloProcess> silos)
    {
        await Task.WhenAll(silos.Where(s => s.Index != 0).Select(s => s.DisposeAsync().AsTask())).ConfigureAwait(false);
        await Task.WhenAll(silos.Where(s => s.Index == 0).Select(s => s.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    private void Watch()
    {
        foreach (SiloProcess silo in _silos)
        {
            lock (_background)
            {
                _background.Add(WatchAsync(silo));
            }
        }
    }

    private async Task WatchAsync(SiloProcess silo)
    {
        string how = await silo.Exited.ConfigureAwait(false);
        if (IsDisposed)
        {
            return;
        }

        Health.OnLost(silo.Index, silo.ProcessId, silo.Index == 0, how);
        if (silo.Index != 0)
        {
            await DeclareDeadAsync(silo).ConfigureAwait(false);
        }
    }

    // Membership would find the dead silo by missed probes only after seconds, in which calls whose directory entries
    // it held are refused: a live silo is told at once. Best effort; the retries cover the rest.
    private async Task DeclareDeadAsync(SiloProcess silo)
    {
        for (int attempt = 0; attempt < 3 && !IsDisposed; attempt++)
        {
            try
            {
                if (await Client.GetGrain<IClusterControlGrain>(0).DeclareDeadAsync(silo.Ready.SiloAddress).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Debug.WriteLine(ex);
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }
}
