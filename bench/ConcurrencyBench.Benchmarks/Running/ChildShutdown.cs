using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ConcurrencyBench.Benchmarks.Infrastructure;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// Lets the suite's child processes end on their own when the suite is interrupted. On Ctrl+C or SIGTERM,
/// BenchmarkDotNet kills its benchmark process outright, and a .NET process killed that way cannot remove its
/// diagnostics socket and debugger pipes from the temp folder (nor run its own clean-up, which stops its workers).
/// Subscribed before BenchmarkDotNet subscribes its own handlers, this runs first: it interrupts every child (SIGINT,
/// as Ctrl+C in a terminal does to the whole foreground group; a .NET child ends on it with its clean-up, where on
/// SIGTERM it left its runtime files behind) and waits a moment for them, so BenchmarkDotNet's kill then finds
/// nothing left to kill.
/// </summary>
internal static class ChildShutdown
{
    private const int SigInt = 2;
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private static int _installed;
    private static PosixSignalRegistration? _sigterm;

    /// <summary>Subscribes the handlers once, ahead of BenchmarkDotNet's (handlers of an event run in the order they were added), and handles SIGTERM.</summary>
    public static void Install()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _installed, 1) != 0)
        {
            return;
        }

        Console.CancelKeyPress += (_, _) => TerminateChildren();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TerminateChildren();
        // SIGTERM ends this process at once once its handlers have run (the worker registry's handler leaves it
        // uncancelled), before any ProcessExit handler: the children are interrupted from the signal's own handler.
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => TerminateChildren());
    }

    /// <summary>Sends SIGINT to every live child of this process and waits, at most <see cref="Grace"/>, for them to end.</summary>
    internal static void TerminateChildren()
    {
        int[] children = ChildrenOf(Environment.ProcessId);
        foreach (int pid in children)
        {
            _ = Kill(pid, SigInt);
        }

        long start = Stopwatch.GetTimestamp();
        while (children.Any(IsRunning) && Stopwatch.GetElapsedTime(start) < Grace)
        {
            Thread.Sleep(20);
        }
    }

    /// <summary>The live (not yet exited) children of <paramref name="parent"/>, from /proc.</summary>
    /// <param name="parent">The parent's pid.</param>
    internal static int[] ChildrenOf(int parent) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : 0)
            .Where(pid => pid > 0 && StatOf(pid) is { } stat && stat.ParentId == parent && stat.State is not ('Z' or 'X'))];

    private static bool IsRunning(int pid) => StatOf(pid) is { State: not ('Z' or 'X') };

    // State and parent of a process from /proc/PID/stat ("pid (comm) S ppid ...").
    private static (char State, int ParentId)? StatOf(int pid) =>
        ProcStat.FieldsFromState(pid.ToString(CultureInfo.InvariantCulture)) is [{ Length: > 0 } state, string parent, ..]
            && int.TryParse(parent, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parentId)
            ? (state[0], parentId)
            : null;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
