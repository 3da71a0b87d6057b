using System.Net;

namespace ConcurrencyBench.Cluster;

/// <summary>One silo a cluster started.</summary>
/// <param name="Index">The silo's index: 0 for the primary, then 1, 2...</param>
/// <param name="ProcessId">The silo's process id.</param>
/// <param name="SiloEndpoint">Where it listens for other silos.</param>
/// <param name="GatewayEndpoint">Where it listens for clients.</param>
/// <param name="IsPrimary">Whether it is the primary (it holds the membership: the cluster cannot go on without it).</param>
/// <param name="TimeToReady">From its start to its ready line.</param>
public sealed record SiloInfo(int Index, int ProcessId, IPEndPoint SiloEndpoint, IPEndPoint GatewayEndpoint, bool IsPrimary, TimeSpan TimeToReady);
