using System.Globalization;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// The share of the machine's CPU time a hypervisor gave to others while the run wanted it ("steal" in Linux's
/// <c>/proc/stat</c>). On a shared VM it is what moves whole runs: a spin hand-off between two processes on the
/// 2-core VM took 1.2 µs at 3% steal and 0.6 ms at 15%. A run records it so that its report, and a compare of two
/// runs, can say when the machine, not the code, changed.
/// </summary>
internal readonly record struct HypervisorSteal(long TotalTicks, long StealTicks)
{
    private const string StatFile = "/proc/stat";

    /// <summary>The counters now; null where the system does not publish them (not Linux, or no steal column).</summary>
    public static HypervisorSteal? Read()
    {
        try
        {
            return File.Exists(StatFile) ? Parse(File.ReadLines(StatFile).FirstOrDefault()) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the aggregate line of <c>/proc/stat</c>: "cpu  user nice system idle iowait irq softirq steal …" in
    /// ticks; null when the line is not that.
    /// </summary>
    /// <param name="cpuLine">The file's first line.</param>
    public static HypervisorSteal? Parse(string? cpuLine)
    {
        string[] fields = (cpuLine ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 9 || fields[0] != "cpu")
        {
            return null;
        }

        long total = 0;
        long ticks = 0;
        // user, nice, system, idle, iowait, irq, softirq, steal: guest time is already inside user and nice.
        for (int i = 1; i <= 8; i++)
        {
            if (!long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out ticks))
            {
                return null;
            }

            total += ticks;
        }

        return new HypervisorSteal(total, StealTicks: ticks); // the eighth column, the last one read
    }

    /// <summary>The steal between <paramref name="start"/> and <paramref name="end"/>, in percent of the CPU time; null when either is unknown or no time passed.</summary>
    /// <param name="start">The counters at the start.</param>
    /// <param name="end">The counters at the end.</param>
    public static double? PercentBetween(HypervisorSteal? start, HypervisorSteal? end)
    {
        if (start is not HypervisorSteal a || end is not HypervisorSteal b || b.TotalTicks <= a.TotalTicks || b.StealTicks < a.StealTicks)
        {
            return null;
        }

        return 100.0 * (b.StealTicks - a.StealTicks) / (b.TotalTicks - a.TotalTicks);
    }
}
