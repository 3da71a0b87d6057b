namespace ConcurrencyBench.Cluster;

/// <summary>
/// The primary silo died: it held the membership, so the cluster cannot go on. The message says so in one line,
/// with the silo's process id and how it ended.
/// </summary>
public sealed class ClusterPrimaryLostException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ClusterPrimaryLostException"/> class.</summary>
    /// <param name="processId">The primary's process id.</param>
    /// <param name="how">How it ended, e.g. "was killed (exit code 137)".</param>
    public ClusterPrimaryLostException(int processId, string how)
        : base($"the primary silo (silo 0, pid {processId}) {how}: it held the cluster's membership, so the cluster cannot continue; start a new cluster.")
    {
        ProcessId = processId;
    }

    /// <summary>Gets the primary silo's process id.</summary>
    public int ProcessId { get; }
}
