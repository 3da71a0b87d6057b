using System.Globalization;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// A process and every process below it, read from Linux's <c>/proc</c>: their CPU time and their peak resident sets.
/// Everything returns null where <c>/proc</c> is not there (not Linux): "not measured", never a guess.
/// </summary>
internal static class ProcessTree
{
    /// <summary>
    /// The clock ticks a second that <c>/proc/PID/stat</c> counts CPU time in: Linux's USER_HZ, 100 on every
    /// architecture it exports to user space (what <c>sysconf(_SC_CLK_TCK)</c> returns), whatever the kernel's own HZ.
    /// </summary>
    public const long TicksPerSecond = 100;

    /// <summary><paramref name="root"/> and its descendants (children, their children, ...), root first.</summary>
    /// <param name="root">The root process's id.</param>
    /// <param name="leaveOut">Processes to leave out with everything below them (the root is never left out).</param>
    public static IReadOnlyList<int> Of(int root, Func<int, bool>? leaveOut = null)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (string dir in SafeDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && ProcStat.FieldsFromState(pid.ToString(CultureInfo.InvariantCulture)) is { Length: > 1 } fields
                && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int parent))
            {
                (children.TryGetValue(parent, out List<int>? list) ? list : children[parent] = []).Add(pid);
            }
        }

        var tree = new List<int> { root };
        for (int i = 0; i < tree.Count; i++)
        {
            if (children.TryGetValue(tree[i], out List<int>? below))
            {
                tree.AddRange(below.Where(p => !tree.Contains(p) && leaveOut?.Invoke(p) != true));
            }
        }

        return tree;
    }

    /// <summary>Whether process <paramref name="pid"/>'s command line names <paramref name="text"/>.</summary>
    /// <param name="pid">The process.</param>
    /// <param name="text">For example an assembly's file name.</param>
    public static bool CommandLineNames(int pid, string text)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains(text, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The CPU time, in clock ticks, of the processes and of the children each has waited for (utime + cutime, stime +
    /// cstime): the difference of two readings of one tree is the tree's CPU time between them, counting a child that
    /// ended in between through the parent that waited for it. Null when the root cannot be read.
    /// </summary>
    /// <param name="pids">The tree, root first.</param>
    public static (long User, long System)? CpuTicks(IReadOnlyList<int> pids)
    {
        ArgumentNullException.ThrowIfNull(pids);
        long user = 0, system = 0;
        for (int i = 0; i < pids.Count; i++)
        {
            if (ProcStat.FieldsFromState(pids[i].ToString(CultureInfo.InvariantCulture)) is not { Length: > 14 } f)
            {
                if (i == 0)
                {
                    return null;
                }

                continue; // a descendant that ended since the tree was listed: its parent's cutime has it
            }

            user += Ticks(f[11]) + Ticks(f[13]);
            system += Ticks(f[12]) + Ticks(f[14]);
        }

        return (user, system);
    }

    /// <summary>Resets each process's peak resident set (VmHWM) to its resident set now (<c>clear_refs</c> 5).</summary>
    /// <param name="pids">The processes.</param>
    /// <returns>Whether every one was reset.</returns>
    public static bool ResetPeaks(IEnumerable<int> pids)
    {
        bool all = true;
        foreach (int pid in pids ?? throw new ArgumentNullException(nameof(pids)))
        {
            try
            {
                File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                all = false;
            }
        }

        return all;
    }

    /// <summary>The sum of the processes' peak resident sets (VmHWM), in bytes; null when the first cannot be read.</summary>
    /// <param name="pids">The processes, root first.</param>
    public static long? PeakResidentBytes(IReadOnlyList<int> pids)
    {
        ArgumentNullException.ThrowIfNull(pids);
        long sum = 0;
        for (int i = 0; i < pids.Count; i++)
        {
            if (StatusKilobytes(pids[i], "VmHWM:") is long kib)
            {
                sum += kib * 1024;
            }
            else if (i == 0)
            {
                return null;
            }
        }

        return sum;
    }

    /// <summary>
    /// The context switches, voluntary and involuntary, of the processes' threads alive now (each thread's
    /// <c>/proc/PID/task/TID/status</c>): a thread that ended is no longer there, so this serves for long-lived
    /// processes whose threads live as long (pool workers, silos); 0 for a process that has gone.
    /// </summary>
    /// <param name="pids">The processes.</param>
    public static (long Voluntary, long Involuntary) LiveThreadSwitches(IEnumerable<int> pids)
    {
        long voluntary = 0, involuntary = 0;
        foreach (int pid in pids ?? throw new ArgumentNullException(nameof(pids)))
        {
            foreach (string task in SafeDirectories($"/proc/{pid}/task"))
            {
                voluntary += StatusCount(Path.Combine(task, "status"), "voluntary_ctxt_switches:") ?? 0;
                involuntary += StatusCount(Path.Combine(task, "status"), "nonvoluntary_ctxt_switches:") ?? 0;
            }
        }

        return (voluntary, involuntary);
    }

    private static long? StatusKilobytes(int pid, string field) => StatusCount($"/proc/{pid}/status", field);

    // A "Field:  value [unit]" line of a /proc status file.
    private static long? StatusCount(string path, string field)
    {
        try
        {
            foreach (string line in File.ReadLines(path))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    string value = line[field.Length..].Trim();
                    int space = value.IndexOf(' ', StringComparison.Ordinal);
                    return long.TryParse(space < 0 ? value : value[..space], NumberStyles.None, CultureInfo.InvariantCulture, out long kib) ? kib : null;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static long Ticks(string field) => long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : 0;

    private static IEnumerable<string> SafeDirectories(string path)
    {
        try
        {
            return Directory.GetDirectories(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
