namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>How a strategy comparison defines its ideal time: one per workload and parameters, the same for every strategy.</summary>
public enum IdealTimeModel
{
    /// <summary>
    /// Waiting work: one latency (the <c>LatencyMs</c> parameter), the time when every call waits at once.
    /// </summary>
    Latency,

    /// <summary>
    /// Computing work: the larger of the total work over the cores and the largest item, from Sequential's time and the
    /// relative item costs the class names.
    /// </summary>
    WorkOverCores,
}

/// <summary>Names the ideal-time model of a strategy comparison, and where its inputs are.</summary>
/// <param name="model">The model.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class IdealTimeAttribute(IdealTimeModel model) : Attribute
{
    /// <summary>Gets the model.</summary>
    public IdealTimeModel Model { get; } = model;

    /// <summary>Gets or sets the public static property that gives each item's relative cost, for <see cref="IdealTimeModel.WorkOverCores"/>.</summary>
    public string? ItemCosts { get; set; }

    /// <summary>Gets or sets what the item costs count.</summary>
    public string? CostUnit { get; set; }
}
