using System.Runtime.InteropServices;

namespace ConcurrencyBench.Diagnostics;

/// <summary>The libc calls the cost readings need that .NET does not expose (Linux): getrusage(2) and kill(2).</summary>
internal static unsafe partial class UsageCalls
{
    /// <summary>SIGUSR2 on Linux (x64 and arm64): the signal a benchmark process answers with its context switches.</summary>
    public const int ProbeSignal = 12;

    private const int Self = 0;
    private const int Children = -1;

    // struct rusage on 64-bit Linux: two struct timevals (four longs), then fourteen longs, of which ru_nvcsw and
    // ru_nivcsw are the last two.
    private const int Longs = 18;
    private const int Voluntary = 16;
    private const int Involuntary = 17;

    /// <summary>
    /// This process's context switches, voluntary and involuntary: every thread's, those that ended included
    /// (RUSAGE_SELF), plus those of the children it has waited for (RUSAGE_CHILDREN). Null where the call fails.
    /// </summary>
    public static (long Voluntary, long Involuntary)? ContextSwitches()
    {
        long* self = stackalloc long[Longs];
        long* children = stackalloc long[Longs];
        return GetResourceUsage(Self, self) == 0 && GetResourceUsage(Children, children) == 0
            ? (self[Voluntary] + children[Voluntary], self[Involuntary] + children[Involuntary])
            : null;
    }

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="pid"/>; false where it cannot be sent.</summary>
    /// <param name="pid">The process.</param>
    /// <param name="signal">The signal's number.</param>
    public static bool Send(int pid, int signal) => pid > 0 && Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetResourceUsage(int who, long* usage);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
