namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// Leaves rows of a method to the full profile when a parameter reaches a value, because a cheaper row already teaches
/// their lesson. The reason is shown wherever the rows would have been (console, run.json, every report).
/// </summary>
/// <param name="method">The benchmark method.</param>
/// <param name="parameter">The parameter.</param>
/// <param name="from">The rows with the parameter at this value or above are cut.</param>
/// <param name="reason">Why the cut loses nothing: which row teaches the same.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class QuickProfileCutAttribute(string method, string parameter, int from, string reason) : Attribute
{
    /// <summary>Gets the benchmark method.</summary>
    public string Method { get; } = method;

    /// <summary>Gets the parameter.</summary>
    public string Parameter { get; } = parameter;

    /// <summary>Gets the value from which rows are cut.</summary>
    public int From { get; } = from;

    /// <summary>Gets the reason.</summary>
    public string Reason { get; } = reason;
}
