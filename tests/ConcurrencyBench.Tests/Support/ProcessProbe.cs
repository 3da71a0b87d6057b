namespace ConcurrencyBench.Tests.Support;

/// <summary>Looks at processes from the outside, as a user would with ps.</summary>
public static class ProcessProbe
{
    /// <summary>The CPU time a process has used so far, in clock ticks (user and system, from /proc/PID/stat); -1 when it is gone.</summary>
    public static long CpuTicks(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(rest[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(rest[12], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    /// <summary>Whether a process with this id exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // The state follows the parenthesised command name.
            char state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state != 'Z' && state != 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether every thread of the process is stopped (state T or t in /proc/PID/task/*/stat). kill(SIGSTOP) returns
    /// before the threads have stopped: a thread that is not yet scheduled stops only when it next runs.
    /// </summary>
    public static bool IsStopped(int pid)
    {
        try
        {
            string[] tasks = Directory.GetDirectories($"/proc/{pid}/task");
            return tasks.Length > 0 && tasks.All(t =>
            {
                string stat = File.ReadAllText(Path.Combine(t, "stat"));
                return stat[(stat.LastIndexOf(')') + 2)..][0] is 'T' or 't';
            });
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Waits (bounded) until none of <paramref name="pids"/> is alive; returns those still alive.</summary>
    public static async Task<int[]> WaitAllDeadAsync(IEnumerable<int> pids, TimeSpan? limit = null)
    {
        int[] ids = pids.ToArray();
        DateTime end = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(10));
        int[] alive;
        while ((alive = ids.Where(IsAlive).ToArray()).Length > 0 && DateTime.UtcNow < end)
        {
            await Task.Delay(50);
        }

        return alive;
    }
}
