using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ConcurrencyBench.Processes;

/// <summary>
/// Every worker process this process has started and not yet disposed: on Ctrl+C, SIGTERM or process exit
/// they are killed, so that no worker outlives its parent even when disposal never runs.
/// </summary>
public static class WorkerRegistry
{
    private static readonly HashSet<Process> Live = [];
    private static int _hooked;
    private static PosixSignalRegistration? _sigint;
    private static PosixSignalRegistration? _sigterm;

    /// <summary>Gets the process ids of the live workers.</summary>
    public static IReadOnlyList<int> LiveProcessIds
    {
        get
        {
            lock (Live)
            {
                return Live.Select(p => p.Id).ToArray();
            }
        }
    }

    /// <summary>Kills every live worker.</summary>
    public static void KillAll()
    {
        Process[] all;
        lock (Live)
        {
            all = [.. Live];
        }

        foreach (Process process in all)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // Already exited.
            }
        }
    }

    internal static void Add(Process process)
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
            _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        }

        lock (Live)
        {
            Live.Add(process);
        }
    }

    internal static void Remove(Process process)
    {
        lock (Live)
        {
            Live.Remove(process);
        }
    }

    // Kill the workers, then let the signal's default handling end this process.
    private static void OnSignal(PosixSignalContext context) => KillAll();
}
