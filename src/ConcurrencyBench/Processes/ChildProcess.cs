using System.Diagnostics;

namespace ConcurrencyBench.Processes;

/// <summary>What every child process this suite starts (a worker, a silo) needs at its end: a kill that cannot
/// throw, a bounded wait for its exit, and the release of its streams and of its place in the registry.</summary>
internal static class ChildProcess
{
    /// <summary>Kills <paramref name="process"/> and whatever it started, as SIGKILL would; nothing if it has exited.</summary>
    /// <param name="process">The child.</param>
    public static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or AggregateException)
        {
            // Already exited, or exiting.
        }
    }

    /// <summary>
    /// Waits at most <paramref name="timeout"/> for <paramref name="process"/> to exit, on the process's own wait
    /// handle: Process.WaitForExitAsync without a token waits for the Exited event, which was seen never to come for
    /// a worker that had exited (its wait state said so), hanging a benchmark's clean-up.
    /// </summary>
    /// <param name="process">The child.</param>
    /// <param name="timeout">The bound.</param>
    /// <returns>Whether it exited in time.</returns>
    public static Task<bool> WaitForExitAsync(Process process, TimeSpan timeout) =>
        Task.Run(() => process.WaitForExit(timeout), CancellationToken.None);

    /// <summary>
    /// Releases an exited (or killed) child: leaves the registry, then closes its output and, once its reader has
    /// ended (bounded by <paramref name="grace"/>), its error stream. Process.Dispose closes only the streams its
    /// caller never read: those read here would keep their descriptors until a finalizer ran.
    /// </summary>
    /// <param name="process">The child.</param>
    /// <param name="stderrRead">The task reading its error stream.</param>
    /// <param name="grace">How long to wait for that reader.</param>
    public static async Task ReleaseAsync(Process process, Task stderrRead, TimeSpan grace)
    {
        WorkerRegistry.Remove(process);
        process.StandardOutput.Dispose();
        await stderrRead.WaitAsync(grace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        process.StandardError.Dispose();
        process.Dispose();
    }
}
