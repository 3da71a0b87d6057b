namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>How a serialization row encodes its records.</summary>
public enum PayloadFormat
{
    /// <summary>The records' bytes as they lie in memory, copied: the floor.</summary>
    Raw,

    /// <summary>A binary encoding.</summary>
    Binary,

    /// <summary>A text encoding: every number formatted and parsed.</summary>
    Text,
}

/// <summary>
/// How a serialization row encodes its records: run.json carries it, so that the report says why one format costs
/// more than another without reading the method's name.
/// </summary>
/// <param name="format">The format.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FormatAttribute(PayloadFormat format) : Attribute
{
    /// <summary>Gets the format.</summary>
    public PayloadFormat Format { get; } = format;
}
