namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// Says how many open file descriptors each of a benchmark's N items holds at once (a connection, a file): a case
/// whose N would exceed the process's limit is skipped with one line that says so, before anything runs.
/// </summary>
/// <param name="perItem">Descriptors per item.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DescriptorsPerItemAttribute(int perItem) : Attribute
{
    /// <summary>Gets the descriptors each item holds.</summary>
    public int PerItem { get; } = perItem;
}
