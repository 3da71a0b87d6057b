namespace ConcurrencyBench.Tests.Support;

/// <summary>
/// Tests that look at the whole test process (its open descriptors, its allocations): xunit runs them after the
/// others, one at a time, so that no other test opens or allocates meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone in the test process";
}
