using ConcurrencyBench.Strategies;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// A test hook: replaces the strategy a strategy-comparison method measures, in this process only (an in-process run
/// of the suite), so that a test can prove a wrong answer fails the run. Nothing sets it outside the tests.
/// </summary>
internal static class StrategyOverrides
{
    private static volatile Func<string, IConcurrencyStrategy, IConcurrencyStrategy>? s_replace;

    /// <summary>Replaces strategies until the returned object is disposed.</summary>
    /// <param name="replace">Given the method's name and its strategy, the strategy to measure instead.</param>
    public static IDisposable Replace(Func<string, IConcurrencyStrategy, IConcurrencyStrategy> replace)
    {
        s_replace = replace;
        return new Reset();
    }

    /// <summary>The strategy to measure for <paramref name="method"/>.</summary>
    public static IConcurrencyStrategy Apply(string method, IConcurrencyStrategy strategy) => s_replace?.Invoke(method, strategy) ?? strategy;

    private sealed class Reset : IDisposable
    {
        public void Dispose() => s_replace = null;
    }
}
