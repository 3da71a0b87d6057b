namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// Leaves rows of a method to the full profile when a parameter is in a range (<see cref="From"/> to <see cref="To"/>,
/// both included), because a cheaper row already teaches their lesson. The reason is shown wherever the rows would
/// have been (console, run.json, every report).
/// </summary>
/// <param name="method">The benchmark method.</param>
/// <param name="parameter">The parameter.</param>
/// <param name="reason">Why the cut loses nothing: which row teaches the same.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class QuickProfileCutAttribute(string method, string parameter, string reason) : Attribute
{
    /// <summary>Gets the benchmark method.</summary>
    public string Method { get; } = method;

    /// <summary>Gets the parameter.</summary>
    public string Parameter { get; } = parameter;

    /// <summary>Gets the reason.</summary>
    public string Reason { get; } = reason;

    /// <summary>Gets or sets the smallest value of the parameter that is cut.</summary>
    public int From { get; set; } = int.MinValue;

    /// <summary>Gets or sets the largest value of the parameter that is cut.</summary>
    public int To { get; set; } = int.MaxValue;

    /// <summary>Gets or sets a value indicating whether the full profile leaves the rows out too (rows that would take
    /// a large share of any run, and whose lesson a cheaper row measures).</summary>
    public bool InFullProfileToo { get; set; }

    /// <summary>Whether the row of <paramref name="method"/> with the parameter at <paramref name="value"/> is cut.</summary>
    /// <param name="method">The method.</param>
    /// <param name="value">The parameter's value.</param>
    public bool Cuts(string method, int value) => (Method == AnyMethod || method == Method) && value >= From && value <= To;

    /// <summary>The method name that cuts every row at the parameter's values.</summary>
    public const string AnyMethod = "*";
}
