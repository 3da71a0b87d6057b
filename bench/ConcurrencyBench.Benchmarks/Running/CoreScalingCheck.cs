using System.Diagnostics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.EventProcessors;
using BenchmarkDotNet.Running;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// The machine's own ceiling, measured during the run: a loop of integer arithmetic on one thread, then the same work
/// split over one dedicated thread per core, as a pair, a few pairs before each benchmark class (both halves of a pair
/// see the machine in the same state; the pairs, spread over the run, see how it moves). No strategy can beat what the
/// cores give plain code, and on a shared VM that moves from one moment to the next: every speedup of the run is read
/// against it.
/// </summary>
internal sealed class CoreScalingCheck : EventProcessor
{
    /// <summary>The pairs measured before each benchmark class.</summary>
    public const int PairsPerClass = 3;

    // About 60 ms of one core for the one-thread half: long against a thread's start and wake-up, short in a run.
    private const double TargetSeconds = 0.060;

    private readonly List<double> _speedups = [];
    private long _rounds;

    /// <summary>Creates a check with one thread per logical core in the parallel half.</summary>
    public CoreScalingCheck()
        : this(Environment.ProcessorCount)
    {
    }

    /// <summary>Creates a check with <paramref name="threads"/> threads in the parallel half.</summary>
    /// <param name="threads">The threads of the parallel half (1 or more; with 1 nothing is measured).</param>
    public CoreScalingCheck(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Threads = threads;
    }

    /// <summary>Gets the threads of the parallel half.</summary>
    public int Threads { get; }

    /// <summary>Measures <see cref="PairsPerClass"/> pairs before a class runs.</summary>
    public override void OnStartRunBenchmarksInType(Type type, IReadOnlyList<BenchmarkCase> benchmarks) => Measure(PairsPerClass);

    /// <summary>Measures <paramref name="pairs"/> pairs (none on a single core: there is nothing to scale).</summary>
    /// <param name="pairs">The pairs to measure.</param>
    public void Measure(int pairs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pairs);
        if (Threads < 2 || pairs == 0)
        {
            return;
        }

        if (_rounds == 0)
        {
            _rounds = Calibrate(Threads);
        }

        for (int i = 0; i < pairs; i++)
        {
            // Every other pair the other way round: a machine that speeds up or slows down during a pair favours neither half.
            double one, all;
            if (i % 2 == 0)
            {
                one = OneThread(_rounds);
                all = AllThreads(_rounds, Threads);
            }
            else
            {
                all = AllThreads(_rounds, Threads);
                one = OneThread(_rounds);
            }

            lock (_speedups)
            {
                _speedups.Add(one / all);
            }
        }
    }

    /// <summary>The pairs measured so far, or null when none was.</summary>
    public CoreScalingRecord? ToRecord()
    {
        lock (_speedups)
        {
            return _speedups.Count == 0 ? null : new CoreScalingRecord(Threads, [.. _speedups]);
        }
    }

    // Rounds for about TargetSeconds of one thread, a multiple of the thread count (every thread gets an equal share).
    private static long Calibrate(int threads)
    {
        long rounds = 1 << 16;
        double seconds;
        while ((seconds = OneThread(rounds)) < 0.005 && rounds < (1L << 40))
        {
            rounds *= 4;
        }

        long target = (long)(rounds * TargetSeconds / Math.Max(seconds, 1e-9));
        return Math.Max(threads, target / threads * threads);
    }

    private static double OneThread(long rounds)
    {
        long start = Stopwatch.GetTimestamp();
        ulong answer = Mix(1, rounds);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Consume(answer);
        return seconds;
    }

    private static double AllThreads(long rounds, int threadCount)
    {
        using var ready = new CountdownEvent(threadCount);
        using var go = new ManualResetEventSlim(false);
        var answers = new ulong[threadCount];
        var threads = new Thread[threadCount];
        for (int t = 0; t < threadCount; t++)
        {
            int index = t;
            threads[t] = new Thread(() =>
            {
                ready.Signal();
                go.Wait();
                answers[index] = Mix((ulong)index + 1, rounds / threadCount);
            })
            {
                IsBackground = true,
                Name = "core scaling check",
            };
            threads[t].Start();
        }

        ready.Wait();
        long start = Stopwatch.GetTimestamp();
        go.Set();
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        foreach (ulong answer in answers)
        {
            Consume(answer);
        }

        return seconds;
    }

    // xorshift64: a dependent chain of shifts and xors, no memory traffic; optimized at its first call (no tier 0).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong Mix(ulong x, long rounds)
    {
        for (long i = 0; i < rounds; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }

        return x;
    }

    // Keeps the loops' answers alive, so that no compiler drops them.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Consume(ulong answer) => GC.KeepAlive(answer);
}
