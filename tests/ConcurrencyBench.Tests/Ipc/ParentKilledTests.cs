using System.Diagnostics;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Ipc;

/// <summary>
/// A parent SIGKILLed in the middle of shared memory (a child process plays it, stopped at a named point): nothing of
/// it is left in /dev/shm or the temp folder, and its worker is gone 5 s later.
/// </summary>
[Collection(IpcCollection.Name)]
public sealed class ParentKilledTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("shm-setup")]
    [InlineData("shm-handoff")]
    public async Task ParentSigkilled_DuringSharedMemory_LeavesNothingAndNoWorker(string point)
    {
        int parent = await KillParentAtAsync(point);

        Assert.Empty(IpcLeftovers.Scan(parent));
    }

    [Fact]
    public async Task ParentSigkilled_DuringSocketSetUp_ItsFolderIsSweptByTheNextPrivateFolder()
    {
        int parent = await KillParentAtAsync("socket-setup");
        // Its socket file had to exist until the worker connected.
        Assert.Single(IpcLeftovers.Scan(parent));

        // The next private folder made sweeps it, its creator being dead.
        using (PrivateFolder.Create())
        {
        }

        Assert.Empty(IpcLeftovers.Scan(parent));
    }

    [Fact]
    public async Task ParentSigkilled_WhileItsWorkerComputesAnItemThatNeverEnds_TheWorkerGoes()
    {
        // The worker computes the strategies' items on its reading thread, which then never reads the end of its
        // input: the watch of its input pipe sees the parent's hang-up instead, and the worker exits after its grace.
        int parent = await KillParentAtAsync("item-hang");

        Assert.Empty(IpcLeftovers.Scan(parent));
    }

    // Starts a parent that stops at the point, SIGKILLs it there and lets its worker go on: the worker is gone 5 s
    // later. Returns the parent's pid.
    private static async Task<int> KillParentAtAsync(string point)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "ConcurrencyBench.TestParent"))
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(point);
        ChildRuntimeDiagnostics.TurnOff(info); // the test kills it: nothing of its own should stay in /tmp
        using Process parent = Process.Start(info)!;
        int worker = 0;
        try
        {
            string first = (await parent.StandardOutput.ReadLineAsync().WaitAsync(Bound))!;
            worker = int.Parse(first["worker ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal("ready", await parent.StandardOutput.ReadLineAsync().WaitAsync(Bound));

            Signals.Kill(parent.Id);
            await parent.WaitForExitAsync().WaitAsync(Bound);
            // A worker stopped during set-up goes on, as a stopped process of a dead parent would when it is continued.
            Signals.Continue(worker);

            // It goes: continued, it handles what it had queued, waits for running items and exits, on a machine the
            // other tests load (the property is that it goes, not how fast).
            Assert.Empty(await ProcessProbe.WaitAllDeadAsync([worker], Eventually.Bound));
            return parent.Id;
        }
        finally
        {
            // Only what still runs: a pid that was reaped may already be someone else's.
            if (!parent.HasExited)
            {
                Signals.Kill(parent.Id);
            }

            if (worker != 0 && ProcessProbe.IsAlive(worker))
            {
                Signals.Kill(worker);
            }
        }
    }
}
