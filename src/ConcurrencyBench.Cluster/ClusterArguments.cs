namespace ConcurrencyBench.Cluster;

/// <summary>The argument checks the cluster's entry points share, thrown from one place.</summary>
internal static class ClusterArguments
{
    public static void ThrowIfNotPositive(TimeSpan value, string paramName)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "The time must be positive.");
        }
    }
}
