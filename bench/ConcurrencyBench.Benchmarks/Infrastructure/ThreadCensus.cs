using System.Globalization;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// Samples the process's thread count and the thread pool's every 10 ms on a background thread (one read of
/// <c>/proc/self/stat</c>, about 10 µs): the peaks show how many threads a strategy needed, and the pool's peak over
/// its count at the start how many threads the pool injected. The sampler's own thread is counted too.
/// </summary>
public sealed class ThreadCensus : IDisposable
{
    private readonly Thread _sampler;
    private volatile bool _stopped;
    private int _peak;
    private int _peakPool;

    private ThreadCensus()
    {
        PoolAtStart = ThreadPool.ThreadCount;
        _peakPool = PoolAtStart;
        _sampler = new Thread(Sample) { IsBackground = true, Name = "thread census" };
        _sampler.Start();
    }

    /// <summary>Gets the most threads seen at once.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Gets the thread pool's threads when the census started.</summary>
    public int PoolAtStart { get; }

    /// <summary>Gets the most thread-pool threads seen at once.</summary>
    public int PeakPool => Volatile.Read(ref _peakPool);

    /// <summary>Gets how many threads the pool added beyond its count at the start.</summary>
    public int Injected => Math.Max(0, PeakPool - PoolAtStart);

    /// <summary>Starts sampling.</summary>
    public static ThreadCensus Start() => new();

    /// <summary>Stops sampling.</summary>
    public void Dispose()
    {
        _stopped = true;
        _sampler.Join();
    }

    /// <summary>The process's thread count now: field 20 of /proc/self/stat, or the thread pool's count where there is no /proc.</summary>
    public static int Current() =>
        ProcStat.FieldsFromState("self") is { Length: > 17 } fields
            && int.TryParse(fields[17], NumberStyles.Integer, CultureInfo.InvariantCulture, out int threads)
            ? threads
            : ThreadPool.ThreadCount;

    private void Sample()
    {
        while (!_stopped)
        {
            int now = Current();
            if (now > _peak)
            {
                Volatile.Write(ref _peak, now);
            }

            int pool = ThreadPool.ThreadCount;
            if (pool > _peakPool)
            {
                Volatile.Write(ref _peakPool, pool);
            }

            Thread.Sleep(10);
        }
    }
}
