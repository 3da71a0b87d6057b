using System.Globalization;
using System.Net;

namespace ConcurrencyBench.Cluster;

/// <summary>
/// The one line a silo prints on its standard output once it is ready:
/// <c>ready index=1 pid=4711 silo=127.0.0.1:40123 gateway=127.0.0.1:40124 address=127.0.0.1:40123@123456</c>.
/// </summary>
/// <param name="Index">The silo's index (0 for the primary).</param>
/// <param name="ProcessId">The silo's process id.</param>
/// <param name="SiloEndpoint">Where the silo listens for other silos.</param>
/// <param name="GatewayEndpoint">Where the silo listens for clients.</param>
/// <param name="SiloAddress">The silo's address with its generation, as membership knows it.</param>
internal sealed record SiloReadyLine(int Index, int ProcessId, IPEndPoint SiloEndpoint, IPEndPoint GatewayEndpoint, string SiloAddress)
{
    private const string Prefix = "ready ";

    public string Format() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Prefix}index={Index} pid={ProcessId} silo={SiloEndpoint} gateway={GatewayEndpoint} address={SiloAddress}");

    public static SiloReadyLine? TryParse(string? line)
    {
        if (line is null || !line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string field in line[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = field.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                fields[field[..eq]] = field[(eq + 1)..];
            }
        }

        return fields.TryGetValue("index", out string? index) && int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && fields.TryGetValue("pid", out string? pid) && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out int p)
            && fields.TryGetValue("silo", out string? silo) && IPEndPoint.TryParse(silo, out IPEndPoint? s)
            && fields.TryGetValue("gateway", out string? gateway) && IPEndPoint.TryParse(gateway, out IPEndPoint? g)
            && fields.TryGetValue("address", out string? address)
            ? new SiloReadyLine(i, p, s, g, address)
            : null;
    }
}
