namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>The builds of the worker process a row can start.</summary>
public enum WorkerBuildKind
{
    /// <summary>Run by the .NET runtime and compiled just in time: the runtime starts with it.</summary>
    Jit,

    /// <summary>Compiled ahead of time to a native executable (NativeAOT).</summary>
    NativeAot,
}

/// <summary>
/// The build of the worker process a row starts once per operation: run.json carries it, so that the report says why
/// one start costs more than another without reading the method's name.
/// </summary>
/// <param name="kind">The build.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WorkerBuildAttribute(WorkerBuildKind kind) : Attribute
{
    /// <summary>Gets the build.</summary>
    public WorkerBuildKind Kind { get; } = kind;
}
