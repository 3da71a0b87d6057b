namespace ConcurrencyBench.Cluster.Grains;

/// <summary>How a grain's attempt at one item ended.</summary>
public enum ItemStatus : byte
{
    /// <summary>The handler wrote its result: <see cref="ItemResponse.Payload"/>.</summary>
    Completed = 0,

    /// <summary>The handler threw: <see cref="ItemResponse.Error"/> holds its exception's type and message.</summary>
    Failed = 1,

    /// <summary>The silo does not know the workload id: no handler is registered under it.</summary>
    UnknownWorkload = 2,
}

/// <summary>What a grain sends back for one item: the result bytes or the failure, and which silo ran it.</summary>
/// <remarks>An item's own failure travels as a value, so that every exception a grain call throws is the cluster's
/// (a lost silo, a timeout) and may be retried, while the item's failure never is.</remarks>
[GenerateSerializer]
[Immutable]
public sealed class ItemResponse
{
    /// <summary>Gets how the attempt ended.</summary>
    [Id(0)]
    public ItemStatus Status { get; init; }

    /// <summary>Gets the result payload when <see cref="Status"/> is <see cref="ItemStatus.Completed"/>.</summary>
    [Id(1)]
    public byte[] Payload { get; init; } = [];

    /// <summary>Gets the failure, in one line, when the item did not complete.</summary>
    [Id(2)]
    public string? Error { get; init; }

    /// <summary>Gets the index of the silo that ran the item (its <c>--index</c>).</summary>
    [Id(3)]
    public int SiloIndex { get; init; }
}
