using System.Net;
using System.Net.Sockets;

namespace ConcurrencyBench.Tests.Cluster;

/// <summary>Looks for silos from the outside: their processes by cluster id, and whether their ports are free.</summary>
internal static class ClusterProbe
{
    /// <summary>The pids of live silo processes started with <c>--cluster-id=<paramref name="clusterId"/></c>.</summary>
    public static int[] SilosOf(string clusterId)
    {
        var pids = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
            {
                continue;
            }

            try
            {
                string[] args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (args.Contains($"--cluster-id={clusterId}") && Support.ProcessProbe.IsAlive(pid))
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return [.. pids];
    }

    /// <summary>Waits (bounded) until no silo of the cluster is alive; returns those still alive.</summary>
    public static async Task<int[]> WaitNoSiloOfAsync(string clusterId, TimeSpan? limit = null)
    {
        DateTime end = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(15));
        int[] alive;
        while ((alive = SilosOf(clusterId)).Length > 0 && DateTime.UtcNow < end)
        {
            await Task.Delay(50);
        }

        return alive;
    }

    /// <summary>Whether a listener can bind <paramref name="endpoint"/> now (nobody else listens there).</summary>
    public static bool IsFree(IPEndPoint endpoint)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // SO_REUSEADDR: a port whose closed connections linger in TIME_WAIT (a killed silo's side of them) binds;
            // one a live socket still listens on does not. "Free" is "nothing listens", not "no connection ever was".
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
