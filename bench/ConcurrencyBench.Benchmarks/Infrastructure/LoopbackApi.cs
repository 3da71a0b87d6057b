using System.Net;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// The loopback API service and the one HttpClient a benchmark process calls it through: started on first use in a
/// global set-up, ended in clean-up. No proxy, no cap on connections, pooled connections kept for the whole run,
/// HTTP/1.1 (blocking Send does not support HTTP/2). New connections open at most
/// <see cref="ConnectsInFlight"/> at a time (<see cref="ConnectGate"/>): a burst of 10,000 connects overflowed the
/// service's listen queue, and requests later sent on connections the service never accepted were reset.
/// </summary>
internal static class LoopbackApi
{
    /// <summary>How many connects may be in flight at once: well under the service's listen backlog.</summary>
    public const int ConnectsInFlight = 128;

    private static ServiceProcess? s_service;
    private static HttpClient? s_client;

    /// <summary>Gets the running service, starting it (and the client) on first use.</summary>
    public static ServiceProcess Service => s_service ??= ServiceProcess.StartAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();

    /// <summary>Gets the shared client.</summary>
    public static HttpClient Client => s_client ??= new HttpClient(new SocketsHttpHandler
    {
        UseProxy = false,
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        ConnectCallback = new ConnectGate(ConnectsInFlight).ConnectAsync,
    })
    {
        DefaultRequestVersion = HttpVersion.Version11,
        Timeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>Ends the client and the service.</summary>
    public static void Stop()
    {
        s_client?.Dispose();
        s_client = null;
        s_service?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        s_service = null;
    }
}
