namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>The benchmark categories, for <c>--anyCategories</c> and <c>--allCategories</c>.</summary>
public static class Categories
{
    /// <summary>Work that mostly waits.</summary>
    public const string IoBound = "IoBound";

    /// <summary>Work that computes.</summary>
    public const string CpuBound = "CpuBound";

    /// <summary>What starting and talking to a process costs.</summary>
    public const string Processes = "Processes";

    /// <summary>What moving data between processes costs.</summary>
    public const string DataMovement = "DataMovement";

    /// <summary>Gets every class-level category (method-level ones, such as ProcessStartup's, are not listed).</summary>
    public static IReadOnlyList<string> All { get; } = [IoBound, CpuBound, Processes, DataMovement];
}
