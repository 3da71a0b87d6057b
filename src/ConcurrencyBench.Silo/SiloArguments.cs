using System.Globalization;
using System.Net;
using ConcurrencyBench.Cluster.Grains;

namespace ConcurrencyBench.Silo;

/// <summary>What a silo is told on its command line.</summary>
internal sealed record SiloArguments
{
    public const string Usage =
        "usage: ConcurrencyBench.Silo [--index=N] [--primary=HOST:PORT] [--cluster-id=ID] [--service-id=ID] [--bind=ADDRESS] "
        + "[--silo-port=N] [--gateway-port=N] [--min-worker-threads=N] [--stay] [--serve-diagnostics]\n"
        + "  --index               this silo's number, reported with every item it runs (default 0)\n"
        + "  --primary             the primary silo's silo endpoint; absent, this silo is the primary and holds the membership\n"
        + "  --cluster-id, --service-id  the cluster's ids (default concurrencybench, concurrencybench)\n"
        + "  --bind                the address to listen on and advertise (default 127.0.0.1: loopback unless told otherwise)\n"
        + "  --silo-port, --gateway-port  fixed ports (default 0: free ports picked at start)\n"
        + "  --min-worker-threads  the thread pool's minimum worker threads (default 8: CPU-bound grain calls starve the default)\n"
        + "  --stay                run until Ctrl+C or SIGTERM instead of exiting when standard input closes (a silo started by hand)\n"
        + "  --serve-diagnostics   also serve the tests' diagnostic workload (crash, hang); for tests only\n"
        + "A silo serves the prime-check, api-aggregation and granular-kernel workloads and nothing else.";

    public int Index { get; init; }

    public IPEndPoint? Primary { get; init; }

    public string ClusterId { get; init; } = "concurrencybench";

    public string ServiceId { get; init; } = "concurrencybench";

    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    public int SiloPort { get; init; }

    public int GatewayPort { get; init; }

    public int MinWorkerThreads { get; init; } = 8;

    public bool Stay { get; init; }

    /// <summary>Gets a value indicating whether the silo also serves the tests' diagnostic workload (tests only).</summary>
    public bool ServesDiagnostics { get; init; }

    /// <summary>Parses the command line; null with <paramref name="error"/> set when it is wrong.</summary>
    public static SiloArguments? Parse(string[] args, out string? error)
    {
        var result = new SiloArguments();
        foreach (string arg in args)
        {
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? arg : arg[..eq];
            string value = eq < 0 ? "" : arg[(eq + 1)..];
            SiloArguments? next = name switch
            {
                "--index" when Number(value, 0) is int n => result with { Index = n },
                "--primary" when IPEndPoint.TryParse(value, out IPEndPoint? primary) && primary.Port > 0 => result with { Primary = primary },
                "--cluster-id" when value.Length > 0 => result with { ClusterId = value },
                "--service-id" when value.Length > 0 => result with { ServiceId = value },
                "--bind" when IPAddress.TryParse(value, out IPAddress? bind) => result with { Bind = bind },
                "--silo-port" when Number(value, 0) is int p and <= 65535 => result with { SiloPort = p },
                "--gateway-port" when Number(value, 0) is int p and <= 65535 => result with { GatewayPort = p },
                "--min-worker-threads" when Number(value, 1) is int t => result with { MinWorkerThreads = t },
                "--stay" when eq < 0 => result with { Stay = true },
                SiloWorkloads.ServeDiagnosticsOption when eq < 0 => result with { ServesDiagnostics = true },
                _ => null,
            };
            if (next is null)
            {
                error = $"silo: bad argument '{arg}'\n{Usage}";
                return null;
            }

            result = next;
        }

        error = null;
        return result;
    }

    private static int? Number(string value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= min ? n : null;
}
