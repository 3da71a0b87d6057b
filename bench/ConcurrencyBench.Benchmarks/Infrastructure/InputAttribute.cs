namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>What a parameter sets, for the report's rules: run.json carries it typed (its inputs), never by the parameter's name.</summary>
public enum Input
{
    /// <summary>The items one operation runs (N).</summary>
    Items,

    /// <summary>The most items a strategy bounded by K runs at once.</summary>
    AtOnce,

    /// <summary>The bytes of one payload.</summary>
    PayloadBytes,

    /// <summary>The checksum passes over each payload or item.</summary>
    Passes,

    /// <summary>The latency of one call, in milliseconds.</summary>
    LatencyMilliseconds,
}

/// <summary>Says what a benchmark parameter sets, so that the report reads its value as a typed input.</summary>
/// <param name="input">What it sets.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class InputAttribute(Input input) : Attribute
{
    /// <summary>Gets what the parameter sets.</summary>
    public Input Input { get; } = input;
}
