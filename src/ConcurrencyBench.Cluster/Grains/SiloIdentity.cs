namespace ConcurrencyBench.Cluster.Grains;

/// <summary>Which silo this is, as its launcher numbered it (grains report it with every item), and what it serves.</summary>
/// <param name="Index">The silo's <c>--index</c> (0 for the primary).</param>
/// <param name="ServesDiagnostics">Whether its launcher asked it to serve the tests' diagnostic workload too.</param>
internal sealed record SiloIdentity(int Index, bool ServesDiagnostics = false);
