using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>The question a benchmark class answers, as REPORT.md titles its section, and how its rows are read.</summary>
/// <param name="question">The question.</param>
/// <param name="kind">How the rows are read.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class QuestionAttribute(string question, QuestionKind kind) : Attribute
{
    /// <summary>Gets the question.</summary>
    public string Question { get; } = question;

    /// <summary>Gets how the rows are read.</summary>
    public QuestionKind Kind { get; } = kind;

    /// <summary>Gets or sets what a reader must know about how the class measures (shown in every report).</summary>
    public string? Note { get; set; }

    /// <summary>Gets or sets where the question comes in REPORT.md (lowest first).</summary>
    public int Order { get; set; }

    /// <summary>Gets or sets how many items (payloads, records) one operation handles, when the reports need it.</summary>
    public int ItemsPerOperation { get; set; }

    /// <summary>
    /// Gets or sets the parameter that sets the work of one equal item, for a class that splits a fixed total work
    /// (<see cref="TotalWork"/>) into items of that size: the report gives each row's smallest paying item size.
    /// </summary>
    public string? SizeParameter { get; set; }

    /// <summary>Gets or sets the work of one operation, in the unit of <see cref="SizeParameter"/>.</summary>
    public double TotalWork { get; set; }

    /// <summary>Gets or sets what <see cref="SizeParameter"/> counts.</summary>
    public string? SizeUnit { get; set; }
}
