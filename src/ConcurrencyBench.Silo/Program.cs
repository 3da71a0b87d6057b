using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ConcurrencyBench.Cluster;
using ConcurrencyBench.Cluster.Grains;
using ConcurrencyBench.Cluster.Placement;
using ConcurrencyBench.Silo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

// One Orleans silo. Standard output carries exactly one line, the ready line; logs go to standard error. The silo
// exits when its standard input closes (its parent's pipe), so that it cannot outlive its parent.
SiloArguments? options = SiloArguments.Parse(args, out string? error);
if (options is null)
{
    Console.Error.WriteLine(error);
    return 2;
}

// CPU-bound grain calls on a small machine starve the pool's default minimum (one thread per core), and the pool
// adds threads only every half second: give it enough from the start.
ThreadPool.GetMinThreads(out int workerThreads, out int ioThreads);
ThreadPool.SetMinThreads(Math.Max(workerThreads, options.MinWorkerThreads), ioThreads);

using var stop = new CancellationTokenSource();
if (!options.Stay)
{
    // A blocking read on its own thread: a pipe has no asynchronous reads on Unix, and this must see the end of input
    // however busy the pool is.
    var watcher = new Thread(() =>
    {
        using Stream input = Console.OpenStandardInput();
        byte[] buffer = new byte[256];
        try
        {
            while (input.Read(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
            // Broken rather than closed: the parent is gone all the same.
        }

        stop.Cancel();
    })
    { IsBackground = true, Name = "stdin watcher" };
    watcher.Start();
}

const int MaxPortTries = 5;
for (int attempt = 1; ; attempt++)
{
    // Free ports, found by binding port 0; another process may take one before the silo binds it, so a conflict is retried.
    int siloPort = options.SiloPort > 0 ? options.SiloPort : FreePort(options.Bind);
    int gatewayPort = options.GatewayPort > 0 ? options.GatewayPort : FreePort(options.Bind, except: siloPort);
    IHost host = BuildHost(options, siloPort, gatewayPort);
    try
    {
        await host.StartAsync(stop.Token);
    }
    catch (Exception ex) when (attempt < MaxPortTries && IsAddressInUse(ex) && (options.SiloPort == 0 || options.GatewayPort == 0))
    {
        await DisposeQuietlyAsync(host);
        continue;
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        await DisposeQuietlyAsync(host);
        return 0;
    }

    var details = host.Services.GetRequiredService<ILocalSiloDetails>();
    var ready = new SiloReadyLine(
        options.Index,
        Environment.ProcessId,
        new IPEndPoint(options.Bind, siloPort),
        new IPEndPoint(options.Bind, gatewayPort),
        details.SiloAddress.ToParsableString());
    Console.Out.WriteLine(ready.Format());
    Console.Out.Flush();

    IHostApplicationLifetime lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
    using (lifetime.ApplicationStopping.Register(stop.Cancel))
    {
        await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // Leave the cluster gracefully when there is time; the parent kills a silo that takes too long.
    using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
    await host.StopAsync(grace.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    await DisposeQuietlyAsync(host);
    return 0;
}

static IHost BuildHost(SiloArguments options, int siloPort, int gatewayPort)
{
    HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
    builder.Logging.ClearProviders();
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddSingleton(new SiloIdentity(options.Index, options.ServesDiagnostics));
    builder.UseOrleans(silo =>
    {
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = options.Bind;
            o.SiloListeningEndpoint = new IPEndPoint(options.Bind, siloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(options.Bind, gatewayPort);
            o.SiloPort = siloPort;
            o.GatewayPort = gatewayPort;
        });
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.Configure<SiloOptions>(o => o.SiloName = $"silo-{options.Index}");
        // A silo that stops answering is declared dead after three missed probes of 2 s (about six seconds) instead of
        // Orleans' default of about fifteen (three of 5 s): until then the directory still routes its grains' calls to
        // it. Not shorter: a live silo stalled for a couple of seconds on a loaded 2-core machine (a CI runner) must
        // not be evicted. A silo whose process ends is declared dead at once by the launcher (OrleansCluster).
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 3;
        });
        // The primary holds the membership table; the others join it.
        silo.UseDevelopmentClustering(options.Primary ?? new IPEndPoint(options.Bind, siloPort));
        silo.AddPlacementDirector<EvenPlacement, EvenPlacementDirector>();
    });
    return builder.Build();
}

static int FreePort(IPAddress bind, int except = 0)
{
    while (true)
    {
        using var probe = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(bind, 0));
        int port = ((IPEndPoint)probe.LocalEndPoint!).Port;
        if (port != except)
        {
            return port;
        }
    }
}

static bool IsAddressInUse(Exception? ex)
{
    for (; ex is not null; ex = ex.InnerException)
    {
        if (ex is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
        {
            return true;
        }

        if (ex is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse))
        {
            return true;
        }
    }

    return false;
}

static async Task DisposeQuietlyAsync(IHost host)
{
    try
    {
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
    catch (Exception ex) when (ex is not OutOfMemoryException)
    {
        Debug.WriteLine(ex);
    }
}
