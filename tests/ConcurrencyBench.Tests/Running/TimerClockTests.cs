using ConcurrencyBench.Benchmarks.Running;

namespace ConcurrencyBench.Tests.Running;

public sealed class TimerClockTests
{
    [Fact]
    public void SmallestStep_AClockThatSkipsAStep_IsTheSmallestChange()
    {
        // A 4 ms clock read by a thread that missed one step (0 -> 8) once: the step is 4, not 8.
        long[] readings = [0, 0, 0, 4, 4, 12, 12, 16, 16, 20, 24, 28];
        int i = 0;

        long? step = TimerClock.SmallestStep(() => readings[Math.Min(i++, readings.Length - 1)], TimeSpan.FromSeconds(10));

        Assert.Equal(4, step);
    }

    [Fact]
    public void SmallestStep_AClockThatNeverMoves_IsNull() =>
        Assert.Null(TimerClock.SmallestStep(() => 7, TimeSpan.FromMilliseconds(20)));

    [Fact]
    public void SmallestStep_ANonPositiveBudget_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TimerClock.SmallestStep(() => 0, TimeSpan.Zero));

    [Fact]
    public void MeasureStepMilliseconds_TheRealClock_StepsByAWholePositiveNumberOfMilliseconds()
    {
        long? step = TimerClock.MeasureStepMilliseconds(TimeSpan.FromSeconds(5));

        Assert.NotNull(step);
        Assert.InRange(step.Value, 1, 100);
    }
}
