using ConcurrencyBench.Ipc;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// The transport a row's data crosses to another process: run.json carries it, so that the report labels and groups
/// the row by its transport, not by its method's name.
/// </summary>
/// <param name="kind">The transport.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TransportAttribute(TransportKind kind) : Attribute
{
    /// <summary>Gets the transport.</summary>
    public TransportKind Kind { get; } = kind;
}
