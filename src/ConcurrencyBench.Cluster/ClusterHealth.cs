using System.Collections.Concurrent;

namespace ConcurrencyBench.Cluster;

/// <summary>
/// What the launcher knows of its silos' deaths: which have died, whether the primary has, and a signal that fires on
/// each death, so that calls waiting on a dead silo are given up at once instead of after the response timeout.
/// </summary>
internal sealed class ClusterHealth
{
    private readonly ConcurrentDictionary<int, string> _lost = new();
    private TaskCompletionSource _nextLoss = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ClusterPrimaryLostException? _primaryLost;

    /// <summary>Gets a task that completes at the next death (read it before the call it guards starts).</summary>
    public Task NextLoss => Volatile.Read(ref _nextLoss).Task;

    /// <summary>Gets the primary's death, once it has died.</summary>
    public ClusterPrimaryLostException? PrimaryLost => Volatile.Read(ref _primaryLost);

    /// <summary>Gets how many silos have died.</summary>
    public int LostCount => _lost.Count;

    public bool IsLost(int silo) => _lost.ContainsKey(silo);

    public void OnLost(int silo, int processId, bool primary, string how)
    {
        _lost[silo] = how;
        if (primary)
        {
            Interlocked.CompareExchange(ref _primaryLost, new ClusterPrimaryLostException(processId, how), null);
        }

        Interlocked.Exchange(ref _nextLoss, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
