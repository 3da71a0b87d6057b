namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>Marks a row that is a floor to read others against (an in-process copy, /bin/true), not an option to choose.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FloorAttribute : Attribute;

/// <summary>Marks a row that runs C the suite compiles at set-up (<see cref="PlainCFloor"/>): where no C compiler is
/// found, the row is skipped with that reason instead of failing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PlainCAttribute : Attribute;

/// <summary>
/// Names the row of the same parameters that this row is read against, when that is not the class's baseline: the
/// like-for-like floor that does the same work in process, or the same transport in plain C.
/// </summary>
/// <param name="method">The floor's method.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ComparedWithAttribute(string method) : Attribute
{
    /// <summary>Gets the floor's method.</summary>
    public string Method { get; } = method;
}

/// <summary>How a strategy waits for its items: what the guide's reasons rest on.</summary>
public enum WaitKind
{
    /// <summary>A thread of its own (or the caller's) is held while an item waits (blocking calls).</summary>
    Blocking,

    /// <summary>A thread-pool thread is held while an item waits (blocking calls on the pool).</summary>
    BlockingPool,

    /// <summary>No thread is held while an item waits (await).</summary>
    Async,

    /// <summary>Items run in worker processes.</summary>
    Process,

    /// <summary>Items run as grain calls on an Orleans cluster (silo processes).</summary>
    Cluster,
}

/// <summary>Says how the benchmark's strategy waits.</summary>
/// <param name="kind">The kind.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WaitsAttribute(WaitKind kind) : Attribute
{
    /// <summary>Gets the kind.</summary>
    public WaitKind Kind { get; } = kind;
}

/// <summary>
/// Marks a row whose strategy hands out the items largest first (the LPT schedule) instead of in list order: the
/// report reads its speedup against the largest-first bound.
/// </summary>
/// <param name="listOrder">The method of the same strategy in list order, which the report reads this row against.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LargestFirstAttribute(string listOrder) : Attribute
{
    /// <summary>Gets the method of the same strategy in list order.</summary>
    public string ListOrder { get; } = listOrder;
}

/// <summary>
/// What kind of row this is, for the report's rules that read rows across classes (a pool, a process per item, a
/// cluster): the rules read the role, never the method's name.
/// </summary>
/// <param name="role">One of <see cref="Reporting.Results.RowRoles"/>.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RoleAttribute(string role) : Attribute
{
    /// <summary>Gets the role.</summary>
    public string Role { get; } = role;
}

/// <summary>
/// The least a strategy spends on each item beyond the item's own work, measured elsewhere in the suite: the case
/// filter predicts from it what a call over many small items costs, and skips the cases over the profile's budget.
/// </summary>
/// <param name="microseconds">The overhead of one item, in microseconds of one core.</param>
/// <param name="what">What the overhead is, as the skip reason names it ("process starts").</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ItemOverheadAttribute(double microseconds, string what) : Attribute
{
    /// <summary>Gets the overhead of one item, in microseconds of one core.</summary>
    public double Microseconds { get; } = microseconds;

    /// <summary>Gets what the overhead is.</summary>
    public string What { get; } = what;
}
