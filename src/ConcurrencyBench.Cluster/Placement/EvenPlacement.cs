using Orleans.Placement;

namespace ConcurrencyBench.Cluster.Placement;

/// <summary>
/// Places the grain of integer key k on the (k mod N)-th of the N compatible silos, sorted by address: consecutive
/// keys land on different silos, so that a run's worker slots are spread evenly (random placement may put every
/// slot of a small run on one silo).
/// </summary>
[Serializable]
[GenerateSerializer]
[Immutable]
[SuppressReferenceTracking]
public sealed class EvenPlacement : PlacementStrategy
{
    internal static EvenPlacement Instance { get; } = new();
}

/// <summary>Marks a grain class for <see cref="EvenPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class EvenPlacementAttribute : PlacementAttribute
{
    /// <summary>Initializes a new instance of the <see cref="EvenPlacementAttribute"/> class.</summary>
    public EvenPlacementAttribute()
        : base(EvenPlacement.Instance)
    {
    }
}
