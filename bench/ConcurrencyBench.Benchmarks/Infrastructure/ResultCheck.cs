namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>Thrown when a benchmark produced a wrong answer: the run fails instead of publishing its time.</summary>
public sealed class WrongResultException(string message) : Exception(message);

/// <summary>Compares a benchmark's results with the expected ones.</summary>
public static class ResultCheck
{
    /// <summary>Throws <see cref="WrongResultException"/> unless <paramref name="actual"/> equals <paramref name="expected"/>, item by item.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="benchmark">The benchmark, for the message.</param>
    /// <param name="expected">The right answers.</param>
    /// <param name="actual">The benchmark's answers; null when it never ran.</param>
    public static void ThrowIfWrong<T>(string benchmark, IReadOnlyList<T> expected, IReadOnlyList<T>? actual)
    {
        if (actual is null)
        {
            throw new WrongResultException($"{benchmark}: the benchmark produced no result to check.");
        }

        if (actual.Count != expected.Count)
        {
            throw new WrongResultException($"{benchmark}: expected {expected.Count} results, got {actual.Count}.");
        }

        var comparer = EqualityComparer<T>.Default;
        for (int i = 0; i < expected.Count; i++)
        {
            if (!comparer.Equals(expected[i], actual[i]))
            {
                throw new WrongResultException($"{benchmark}: item {i} is '{actual[i]}', expected '{expected[i]}'.");
            }
        }
    }
}
