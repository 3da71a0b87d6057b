using System.Diagnostics;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// The step of the clock .NET's timers count in. <see cref="Task.Delay(TimeSpan)"/> and
/// <see cref="System.Threading.Timer"/> are due in whole milliseconds of <see cref="Environment.TickCount64"/>, which on
/// Linux reads the kernel's coarse monotonic clock: it advances once per scheduler tick (4 ms on the 2-core VM, whose
/// kernel ticks 250 times a second). A wait is counted from a reading up to a step old and ends on a step, so it ends
/// up to about a step early or late, by where in a step it began (<c>scripts/timer-floor.cs</c> measures it: a lone
/// 50 ms <c>Task.Delay</c> took from 47 to 56 ms there, 50.5 ms at the median). A run records the step so that its
/// report can say how much of a waiting row's distance from one latency may be the clock's.
/// </summary>
internal static class TimerClock
{
    /// <summary>How many steps of the clock are watched: the smallest is the step (a larger one spans steps this thread slept through).</summary>
    private const int StepsWatched = 4;

    /// <summary>
    /// Watches <see cref="Environment.TickCount64"/> for a few steps, for at most <paramref name="budget"/>, and returns
    /// the smallest step in milliseconds; null when the clock did not step within the budget.
    /// </summary>
    /// <param name="budget">The longest it may watch (it spins a core meanwhile).</param>
    public static long? MeasureStepMilliseconds(TimeSpan budget) => SmallestStep(() => Environment.TickCount64, budget);

    /// <summary>The smallest change between successive readings of <paramref name="clock"/>, over a few changes.</summary>
    /// <param name="clock">The clock, in milliseconds.</param>
    /// <param name="budget">The longest it may watch.</param>
    internal static long? SmallestStep(Func<long> clock, TimeSpan budget)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(budget, TimeSpan.Zero);
        long start = Stopwatch.GetTimestamp();
        long last = clock();
        long? smallest = null;
        int changes = 0;
        while (changes < StepsWatched && Stopwatch.GetElapsedTime(start) < budget)
        {
            long now = clock();
            if (now == last)
            {
                continue;
            }

            // Each change is one step of the clock's value (or several, when this thread was descheduled meanwhile).
            if (now > last)
            {
                smallest = Math.Min(smallest ?? long.MaxValue, now - last);
            }

            changes++;
            last = now;
        }

        return smallest;
    }
}
