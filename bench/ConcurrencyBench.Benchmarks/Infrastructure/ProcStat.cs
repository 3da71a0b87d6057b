namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>A process's line of Linux's <c>/proc/PID/stat</c>, split into its fields.</summary>
internal static class ProcStat
{
    /// <summary>
    /// The fields from the third on (state, parent pid, …; index 0 is field 3), or null when the process or /proc is
    /// not there. The command name (field 2) is in parentheses and may hold spaces and parentheses, so the fields are
    /// counted from after its last closing one.
    /// </summary>
    /// <param name="pid">The process id, or "self".</param>
    public static string[]? FieldsFromState(string pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int end = stat.LastIndexOf(')');
            return end < 0 || end + 2 > stat.Length ? null : stat[(end + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
