using ConcurrencyBench.Cluster.Grains;
using Orleans.Concurrency;

namespace ConcurrencyBench.Silo;

/// <summary>Declares dead a silo whose process the launcher saw exit, on whichever silo the call arrives at.</summary>
[StatelessWorker]
internal sealed class ClusterControlGrain(IClusterMembershipService membership) : Grain, IClusterControlGrain
{
    public Task<bool> DeclareDeadAsync(string siloAddress) => membership.TryKill(SiloAddress.FromParsableString(siloAddress));
}
