namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// How many times the <c>PayloadBytes</c> parameter one operation moves across the boundary (both directions
/// counted): 2 for an echo, 1 for a one-way hand-off or an in-process copy. The GB/s column reads it.
/// </summary>
/// <param name="payloadMultiple">The multiple.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BytesMovedAttribute(double payloadMultiple) : Attribute
{
    /// <summary>Gets the multiple of the payload moved per operation.</summary>
    public double PayloadMultiple { get; } = payloadMultiple;
}
