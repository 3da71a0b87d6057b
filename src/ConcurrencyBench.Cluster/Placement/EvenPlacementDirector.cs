using Orleans.Runtime.Placement;

namespace ConcurrencyBench.Cluster.Placement;

/// <summary>The silo side of <see cref="EvenPlacement"/>: key k goes to the (k mod N)-th compatible silo.</summary>
internal sealed class EvenPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        // Sorted, so that every silo that places a key makes the same choice.
        SiloAddress[] silos = [.. context.GetCompatibleSilos(target).Order()];
        long key = target.GrainIdentity.GetIntegerKey(out _);
        return Task.FromResult(silos[(int)((ulong)key % (ulong)silos.Length)]);
    }
}
