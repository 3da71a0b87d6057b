using System.Text.RegularExpressions;

namespace ConcurrencyBench.Tests.Docs;

/// <summary>The README a newcomer finishes: short, its links resolve, its headline table is a committed run's.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Root = ConcurrencyBench.RepositoryRoot.Find();

    [Fact]
    public void Readme_IsAtMost200Lines_AndStartsWithTheTwoCommands()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Root, "README.md"));

        Assert.True(lines.Length <= 200, $"README.md has {lines.Length} lines");
        int commands = Array.IndexOf(lines, "## The two commands");
        Assert.InRange(commands, 0, 30);
        Assert.Contains(lines, l => l.StartsWith("dotnet run -c Release --project bench/ConcurrencyBench.Benchmarks", StringComparison.Ordinal));
        Assert.Contains("scripts/test.sh", lines);
    }

    [Fact]
    public void EveryLink_InTheReadmeAndDocs_ResolvesInsideTheRepository()
    {
        string[] pages = [Path.Combine(Root, "README.md"), .. Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")];
        int links = 0;
        foreach (string page in pages)
        {
            foreach (Match link in MarkdownLink().Matches(File.ReadAllText(page)))
            {
                string target = link.Groups["target"].Value;
                Assert.DoesNotContain("://", target); // the README stands alone: nothing outside the repository
                string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, target.Split('#')[0]));
                Assert.True(path.StartsWith(Root, StringComparison.Ordinal) && (File.Exists(path) || Directory.Exists(path)), $"{Path.GetFileName(page)}: {target} does not resolve");
                links++;
            }
        }

        Assert.True(links >= 10, $"only {links} links");
    }

    [Fact]
    public void TheHeadlineTable_IsTheNamedCommittedRunsAnswer()
    {
        string readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        string report = File.ReadAllText(Path.Combine(Root, "results", "reference", "amd-epyc-2core-linux-quick-cost", "run", "REPORT.md"));
        // The first table under the heading (the cost table after it quotes the same run's cost tables, in its own words).
        string[] rows = [.. readme.Split('\n').SkipWhile(l => !l.StartsWith("## The answer", StringComparison.Ordinal)).SkipWhile(l => !l.StartsWith("| ", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith("|", StringComparison.Ordinal))];

        Assert.True(rows.Length >= 10);
        Assert.Contains("results/reference/amd-epyc-2core-linux-quick-cost/run/", readme);
        Assert.All(rows, r => Assert.Contains(r, report));
    }

    [Fact]
    public void TheCostTable_QuotesTheSameRunsCostTables()
    {
        string readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        string report = File.ReadAllText(Path.Combine(Root, "results", "reference", "amd-epyc-2core-linux-quick-cost", "run", "REPORT.md"));
        string[] rows = [.. readme.Split('\n').SkipWhile(l => !l.StartsWith("| Work | Row | CPU per op", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.StartsWith("|", StringComparison.Ordinal))];

        Assert.Equal(5, rows.Length);
        foreach (string row in rows)
        {
            // Each figure with its interval is one of the report's (compared without commas: the README separates
            // thousands, the report does not).
            string[] figures = [.. Figure().Matches(row).Select(m => m.Value.Replace(",", "", StringComparison.Ordinal))];
            Assert.NotEmpty(figures);
            Assert.All(figures, f => Assert.Contains(f, report.Replace(",", "", StringComparison.Ordinal), StringComparison.Ordinal));
        }
    }

    [GeneratedRegex(@"[0-9.,]+ \[[0-9.,]+ [0-9.,]+\]( (ms|s))?")]
    private static partial Regex Figure();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
