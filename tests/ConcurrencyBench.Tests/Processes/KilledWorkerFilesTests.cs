using ConcurrencyBench.Processes;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Processes;

/// <summary>
/// A .NET process creates its diagnostics socket and debugger pipes in the temp folder when it starts and removes them
/// when it exits; one killed with SIGKILL cannot. The suite's children run without them, so a worker its supervisor
/// kills leaves nothing behind.
/// </summary>
public sealed class KilledWorkerFilesTests
{
    [Fact]
    public async Task KillWorker_TheKilledWorkerLeavesNoRuntimeFilesInTheTempFolder()
    {
        DateTime started = DateTime.UtcNow.AddSeconds(-1);
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1 });
        int pid = pool.WorkerIn(0)!.ProcessId;

        Assert.Equal(pid, pool.KillWorker(0));
        await Eventually.TrueAsync(() => !ProcessProbe.IsAlive(pid));

        Assert.Empty(RuntimeFilesOf(pid, started));
    }

    // The runtime's files of the process, by their names (dotnet-diagnostic-PID-…-socket, clr-debug-pipe-PID-…-in and
    // -out), made since the test started: an older file of the same name belongs to an earlier process of that pid.
    private static string[] RuntimeFilesOf(int pid, DateTime since) =>
        [.. Directory.EnumerateFileSystemEntries(Path.GetTempPath())
            .Where(path => Path.GetFileName(path) is string name
                && (name.StartsWith($"dotnet-diagnostic-{pid}-", StringComparison.Ordinal) || name.StartsWith($"clr-debug-pipe-{pid}-", StringComparison.Ordinal))
                && File.GetLastWriteTimeUtc(path) >= since)];
}
