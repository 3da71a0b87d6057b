using System.Diagnostics;
using ConcurrencyBench.Benchmarks.Running;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Running;

/// <summary>The NativeAOT publish at the start of a run is bounded: a stalled publish is stopped, and the run goes on with the JIT worker.</summary>
public sealed class WorkerSetupTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("worker-setup-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task Publish_ThatStalls_IsStoppedAtItsTimeout_WithItsChildren_AndSaysSo()
    {
        // A publish whose restore hangs: the script waits on a child that would outlive it.
        string pidFile = Path.Combine(_temp, "child.pid");
        string script = Path.Combine(_temp, "publish.sh");
        File.WriteAllText(script, $"#!/usr/bin/env bash\nsleep 300 &\necho $! > '{pidFile}'\nwait\n");
        var log = new StringWriter();
        var clock = Stopwatch.StartNew();

        // 5 s: time enough, on a loaded machine, for bash to start its child and write its pid before the stop.
        bool published = WorkerSetup.Publish(script, log, TimeSpan.FromSeconds(5));

        Assert.False(published);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Contains("did not finish within 5 s", log.ToString(), StringComparison.Ordinal);
        int child = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(() => !ProcessProbe.IsAlive(child));
    }

    [Fact]
    public void Publish_ThatFails_SaysWhyInOneLine()
    {
        string script = Path.Combine(_temp, "publish.sh");
        File.WriteAllText(script, "#!/usr/bin/env bash\necho 'error NU1301: Unable to load the service index'\nexit 1\n");
        var log = new StringWriter();

        Assert.False(WorkerSetup.Publish(script, log, TimeSpan.FromSeconds(30)));
        Assert.Contains("NU1301", log.ToString(), StringComparison.Ordinal);
    }
}
