namespace ConcurrencyBench.Cluster;

/// <summary>How a cluster strategy spreads items over the silos.</summary>
public enum ClusterPlacement
{
    /// <summary>
    /// Worker slots as grains of distinct keys, placed evenly over the silos (key k on the (k mod N)-th silo), each
    /// slot running one item at a time: a silo runs as many items at once as it has slots.
    /// </summary>
    DistinctKeys,

    /// <summary>
    /// A stateless worker with one activation per silo (<c>[StatelessWorker(1)]</c>): each silo runs one item at a
    /// time, so a cluster of N silos runs N items at once. It separates the cost of a grain call from the gain of parallelism.
    /// </summary>
    OneWorkerPerSilo,
}
