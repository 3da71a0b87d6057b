namespace ConcurrencyBench.Cluster.Grains;

/// <summary>Which silo this is, as its launcher numbered it: grains report it with every item.</summary>
/// <param name="Index">The silo's <c>--index</c> (0 for the primary).</param>
internal sealed record SiloIdentity(int Index);
