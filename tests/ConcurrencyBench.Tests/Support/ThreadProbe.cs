namespace ConcurrencyBench.Tests.Support;

/// <summary>Looks at one named thread of another process through /proc: whether it sleeps, and how often it has.</summary>
public static class ThreadProbe
{
    /// <summary>Whether the thread named <paramref name="name"/> in <paramref name="pid"/> is asleep (state S).</summary>
    public static bool IsSleeping(int pid, string name) =>
        Read(pid, name, "stat") is { } stat && stat[(stat.LastIndexOf(')') + 2)..].StartsWith('S');

    /// <summary>How many times the thread has given up its core to wait (each sleep counts one); -1 when it does not exist.</summary>
    public static long VoluntarySwitches(int pid, string name)
    {
        string? status = Read(pid, name, "status");
        string? line = status?.Split('\n').FirstOrDefault(l => l.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line["voluntary_ctxt_switches:".Length..].Trim());
    }

    /// <summary>Where in the kernel the thread named <paramref name="name"/> in <paramref name="pid"/> waits
    /// (/proc/PID/task/TID/wchan, such as anon_pipe_write); null when it does not exist or runs.</summary>
    public static string? WaitChannel(int pid, string name) => Read(pid, name, "wchan") is { Length: > 0 } channel and not "0" ? channel : null;

    private static string? Read(int pid, string name, string file)
    {
        try
        {
            foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == name)
                {
                    return File.ReadAllText(Path.Combine(task, file));
                }
            }
        }
        catch (IOException)
        {
            // The process or the thread has gone.
        }

        return null;
    }
}
