using ConcurrencyBench.Ipc;

namespace ConcurrencyBench.Processes;

/// <summary>
/// Watches a worker's input pipe from a thread of its own: when the parent's end closes (the parent exited, or was
/// killed), the worker's shutdown is cancelled at once, even while its reading thread computes an item, and if the
/// worker has not ended within a grace period it exits. This is what lets a worker compute its items on the reading
/// thread and still never outlive its parent.
/// </summary>
internal static class InputHangUpWatch
{
    /// <summary>How long a worker whose parent is gone may take to end on its own before it exits.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    /// <summary>Starts the watch; false when the descriptor cannot be watched (nothing is started).</summary>
    /// <param name="fd">The input pipe's descriptor.</param>
    /// <param name="shutdown">Cancelled when the parent's end closes.</param>
    /// <param name="exitCode">The code the worker exits with after the grace period.</param>
    public static bool TryStart(int fd, CancellationTokenSource shutdown, int exitCode)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        var thread = new Thread(() =>
        {
            if (!UnixCalls.WaitForHangUp(fd))
            {
                return;
            }

            try
            {
                shutdown.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The worker has already ended its conversation.
                return;
            }

            Thread.Sleep(Grace);
            Environment.Exit(exitCode);
        })
        {
            IsBackground = true,
            Name = "input hang-up watch",
        };
        thread.Start();
        return true;
    }
}
