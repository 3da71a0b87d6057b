using System.Globalization;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// Samples the process's thread count every 10 ms on a background thread (one read of <c>/proc/self/stat</c>, about
/// 10 µs): the peak shows how many threads a strategy needed, which the guide quotes. The sampler's own thread is
/// counted too.
/// </summary>
public sealed class ThreadCensus : IDisposable
{
    private readonly Thread _sampler;
    private volatile bool _stopped;
    private int _peak;

    private ThreadCensus()
    {
        _sampler = new Thread(Sample) { IsBackground = true, Name = "thread census" };
        _sampler.Start();
    }

    /// <summary>Gets the most threads seen at once.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Starts sampling.</summary>
    public static ThreadCensus Start() => new();

    /// <summary>Stops sampling.</summary>
    public void Dispose()
    {
        _stopped = true;
        _sampler.Join();
    }

    /// <summary>The process's thread count now: field 20 of /proc/self/stat, or the thread pool's count where there is no /proc.</summary>
    public static int Current()
    {
        try
        {
            string stat = File.ReadAllText("/proc/self/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[17], NumberStyles.Integer, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return ThreadPool.ThreadCount;
        }
    }

    private void Sample()
    {
        while (!_stopped)
        {
            int now = Current();
            if (now > _peak)
            {
                Volatile.Write(ref _peak, now);
            }

            Thread.Sleep(10);
        }
    }
}
