namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>How a benchmark class defines the ideal time its Efficiency column is measured against.</summary>
public enum IdealTimeModel
{
    /// <summary>
    /// Waiting work: ceil(N / workers) latencies, read from the parameters <c>N</c>, <c>LatencyMs</c> and <c>K</c>.
    /// One latency when every item can wait at once.
    /// </summary>
    Latency,

    /// <summary>Computing work: the baseline's time divided by the cores of the machine.</summary>
    BaselineOverCores,
}

/// <summary>Names the ideal-time model of a benchmark class.</summary>
/// <param name="model">The model.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class IdealTimeAttribute(IdealTimeModel model) : Attribute
{
    /// <summary>Gets the model.</summary>
    public IdealTimeModel Model { get; } = model;
}
