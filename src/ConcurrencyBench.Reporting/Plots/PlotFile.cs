namespace ConcurrencyBench.Reporting.Plots;

/// <summary>A plot written for a question: its title and its files, relative to the results folder.</summary>
/// <param name="QuestionType">The benchmark class whose question it illustrates.</param>
/// <param name="Title">The plot's title.</param>
/// <param name="Png">The PNG, relative to the results folder.</param>
/// <param name="Svg">The SVG, relative to the results folder.</param>
public sealed record PlotFile(string QuestionType, string Title, string Png, string Svg)
{
    /// <summary>A sentence for the text under the figure (what its axes cannot say), or null.</summary>
    public string? Caption { get; init; }
}
