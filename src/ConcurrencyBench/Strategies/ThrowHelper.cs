namespace ConcurrencyBench.Strategies;

/// <summary>The argument checks strategies share, thrown from one place.</summary>
internal static class ThrowHelper
{
    public static void ThrowIfWorkersInvalid(int workers, string paramName = "workers")
    {
        if (workers < 1)
        {
            throw new ArgumentOutOfRangeException(paramName, workers, "The number of workers must be at least 1.");
        }
    }
}
