namespace ConcurrencyBench.Cluster.Grains;

/// <summary>
/// Tells the cluster what the launcher knows for certain: a silo's process has exited. Membership would find out by
/// missed probes only after several seconds, during which calls routed through the dead silo's directory fail.
/// </summary>
public interface IClusterControlGrain : IGrainWithIntegerKey
{
    /// <summary>Declares the silo at <paramref name="siloAddress"/> dead in the membership.</summary>
    /// <param name="siloAddress">The silo's address as its ready line gave it (<c>SiloAddress.ToParsableString</c>).</param>
    /// <returns>Whether the membership now holds it dead.</returns>
    Task<bool> DeclareDeadAsync(string siloAddress);
}
