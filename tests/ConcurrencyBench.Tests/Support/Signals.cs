using System.Runtime.InteropServices;

namespace ConcurrencyBench.Tests.Support;

/// <summary>Signals to other processes, as <c>kill -STOP</c> and friends send them.</summary>
public static partial class Signals
{
    private const int SigKill = 9;
    private const int SigCont = 18;
    private const int SigStop = 19;

    /// <summary>Stops the process (it keeps its pipes open and reads nothing: a hung worker).</summary>
    public static void Stop(int pid) => Send(pid, SigStop);

    /// <summary>Lets a stopped process go on.</summary>
    public static void Continue(int pid) => Send(pid, SigCont);

    /// <summary>Kills the process at once; nothing when it is already gone.</summary>
    public static void Kill(int pid) => kill(pid, SigKill);

    private static void Send(int pid, int signal)
    {
        if (kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
