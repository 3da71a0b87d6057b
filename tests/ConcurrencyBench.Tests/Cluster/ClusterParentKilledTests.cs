using System.Diagnostics;
using System.Globalization;
using System.Net;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Cluster;

/// <summary>
/// A parent with a running cluster (a child process plays it) dies by SIGKILL, or by Ctrl+C: none of its silos is
/// left, and their ports are free.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterParentKilledTests
{
    private const int SigInt = 2;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(9)]
    [InlineData(SigInt)]
    public async Task ParentKilled_WithARunningCluster_NoSiloIsLeftAndItsPortsAreFree(int signal)
    {
        // SIGINT at its default, as in a shell's foreground job: a test run started in the background of a
        // non-interactive shell ignores SIGINT, and a child inherits that (env execs the parent, same pid).
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ConcurrencyBench.TestParent"));
        info.ArgumentList.Add("cluster");
        ConcurrencyBench.Processes.ChildRuntimeDiagnostics.TurnOff(info); // the test kills it: nothing of its own should stay in /tmp
        using Process parent = Process.Start(info)!;
        var silos = new List<(int Pid, int SiloPort, int GatewayPort)>();
        try
        {
            string? line;
            while ((line = await parent.StandardOutput.ReadLineAsync().WaitAsync(Bound)) is not null && line != "ready")
            {
                string[] fields = line.Split(' ');
                Assert.Equal("silo", fields[0]);
                silos.Add((Parse(fields[1]), Parse(fields[2]), Parse(fields[3])));
            }

            Assert.Equal("ready", line);
            Assert.Equal(2, silos.Count);

            Assert.Equal(0, kill(parent.Id, signal));
            await parent.WaitForExitAsync().WaitAsync(Bound);

            // Each silo stops gracefully (up to 3 s) and then ends its host on a machine the other tests load: the
            // property is that they go, not how fast.
            Assert.Empty(await ProcessProbe.WaitAllDeadAsync(silos.Select(s => s.Pid), TimeSpan.FromSeconds(60)));
            Assert.All(silos.SelectMany(s => new[] { s.SiloPort, s.GatewayPort }), port =>
                Assert.True(ClusterProbe.IsFree(new IPEndPoint(IPAddress.Loopback, port)), $"port {port} is still taken"));
        }
        finally
        {
            // Only what still runs: a pid that was reaped may already be someone else's.
            if (!parent.HasExited)
            {
                Signals.Kill(parent.Id);
            }

            foreach ((int pid, _, _) in silos.Where(s => ProcessProbe.IsAlive(s.Pid)))
            {
                Signals.Kill(pid);
            }
        }
    }

    private static int Parse(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern int kill(int pid, int signal);
}
