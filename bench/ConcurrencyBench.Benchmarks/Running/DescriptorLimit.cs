using System.Globalization;
using System.Runtime.InteropServices;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>The process's limit of open file descriptors, and whether a case fits under it.</summary>
internal static class DescriptorLimit
{
    // What the process holds besides the items: the runtime, BenchmarkDotNet's pipes, the child process's pipes.
    private const int Headroom = 512;

    /// <summary>Gets the soft limit of open descriptors (RLIMIT_NOFILE); null where it cannot be read.</summary>
    public static long? Current => OperatingSystem.IsLinux() && GetRLimit(7, out RLimit limit) == 0 ? (limit.Current > long.MaxValue ? long.MaxValue : (long)limit.Current) : null;

    /// <summary>Why a case of <paramref name="items"/> items at <paramref name="perItem"/> descriptors each does not fit; null when it does.</summary>
    /// <param name="items">The items in flight at once.</param>
    /// <param name="perItem">Descriptors per item.</param>
    /// <param name="limit">The limit (null: unknown, assumed to fit).</param>
    public static string? ReasonToSkip(int items, int perItem, long? limit)
    {
        long needed = ((long)items * perItem) + Headroom;
        return limit is long l && needed > l
            ? string.Create(CultureInfo.InvariantCulture, $"needs about {needed:#,0} open file descriptors ({items:#,0} in flight at once), over this process's limit of {l:#,0}: raise it (ulimit -n) or run a smaller N")
            : null;
    }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetRLimit(int resource, out RLimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
