using System.Globalization;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>Thrown when a benchmark produced a wrong answer: the run fails instead of publishing its time.</summary>
public sealed class WrongResultException(string message) : Exception(message);

/// <summary>
/// Checks a benchmark's answers against answers computed independently of what it measures, and counts what it
/// checked: every call (in the call itself) or every iteration (buffers poisoned before it, checked after it). The
/// counts go to run.json, where they are set beside the calls BenchmarkDotNet made.
/// </summary>
/// <param name="benchmark">The benchmark's name, for messages.</param>
public sealed class AnswerCheck(string benchmark)
{
    /// <summary>Gets the calls checked.</summary>
    public long Calls { get; private set; }

    /// <summary>Gets the iterations checked.</summary>
    public long Iterations { get; private set; }

    /// <summary>Gets the benchmark's name.</summary>
    public string Benchmark { get; } = benchmark;

    /// <summary>Checks one call's answer.</summary>
    /// <typeparam name="T">The answer's type.</typeparam>
    /// <param name="expected">The right answer.</param>
    /// <param name="actual">The call's answer.</param>
    public void Call<T>(T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new WrongResultException($"{Benchmark}: the answer is '{actual}', expected '{expected}'.");
        }

        Calls++;
    }

    /// <summary>Checks one call's answers, item by item.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="expected">The right answers.</param>
    /// <param name="actual">The call's answers.</param>
    public void CallItems<T>(IReadOnlyList<T> expected, IReadOnlyList<T>? actual)
    {
        ThrowIfWrong(Benchmark, expected, actual);
        Calls++;
    }

    /// <summary>Records an iteration whose poisoned buffers were checked after it.</summary>
    /// <param name="right">Whether the buffers held the right answer.</param>
    /// <param name="what">What was checked, for the message.</param>
    public void Iteration(bool right, string what)
    {
        if (!right)
        {
            throw new WrongResultException($"{Benchmark}: after an iteration, {what} does not hold the right answer (it was poisoned before the iteration).");
        }

        Iterations++;
    }

    /// <summary>Throws <see cref="WrongResultException"/> unless <paramref name="actual"/> equals <paramref name="expected"/>, item by item.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="benchmark">The benchmark, for the message.</param>
    /// <param name="expected">The right answers.</param>
    /// <param name="actual">The answers; null when there were none.</param>
    public static void ThrowIfWrong<T>(string benchmark, IReadOnlyList<T> expected, IReadOnlyList<T>? actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (actual is null)
        {
            throw new WrongResultException($"{benchmark}: the benchmark produced no result to check.");
        }

        if (actual.Count != expected.Count)
        {
            throw new WrongResultException(string.Create(CultureInfo.InvariantCulture, $"{benchmark}: expected {expected.Count} results, got {actual.Count}."));
        }

        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < expected.Count; i++)
        {
            if (!comparer.Equals(expected[i], actual[i]))
            {
                throw new WrongResultException(string.Create(CultureInfo.InvariantCulture, $"{benchmark}: item {i} is '{actual[i]}', expected '{expected[i]}'."));
            }
        }
    }
}
