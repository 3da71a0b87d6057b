namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// BenchmarkDotNet's options that would break the suite's run or its reports, refused before anything runs with one
/// line that says what to use instead (issue 28). Every other BenchmarkDotNet option passes through.
/// </summary>
/// <remarks>
/// Matched as BenchmarkDotNet's parser matches them: the long forms without regard to case, with a value either after
/// a space or after '='; the short forms exactly.
/// </remarks>
internal static class RefusedBenchmarkDotNetOptions
{
    private static readonly (string[] Names, string Why)[] Refused =
    [
        (["--artifacts", "-a"], "the suite keeps BenchmarkDotNet's artifacts in a staging folder inside its results folder and reads its exports from there, so --artifacts would leave the reports without results: use --out DIR"),
        (["--join"], "the suite already runs every class in one run and interleaves them in trials (--trials N); --join writes only joined exports, without the per-class files the reports read: drop --join"),
        (["--exporters", "-e"], "the suite chooses its exports (full JSON, Markdown, CSV) and writes its reports from them into --out; another exporter's files would not be read: drop --exporters"),
        (["--inProcess", "-i"], "use the suite's --in-process, which records the in-process toolchain in run.json and every report"),
        (["--profiler", "-p"], "BenchmarkDotNet's profilers are not supported in the suite's runs (the suite's profile is --profile quick|full): drop it, or profile one class in a project of its own"),
    ];

    /// <summary>Throws for the first refused option of <paramref name="args"/>.</summary>
    /// <param name="args">The options left for BenchmarkDotNet.</param>
    /// <exception cref="UsageException">An option that the suite refuses.</exception>
    public static void Check(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        foreach (string arg in args)
        {
            string name = arg.Split('=', 2)[0];
            foreach ((string[] names, string why) in Refused)
            {
                if (names.Any(n => n.StartsWith("--", StringComparison.Ordinal) ? string.Equals(n, name, StringComparison.OrdinalIgnoreCase) : n == name))
                {
                    throw new UsageException($"BenchmarkDotNet's {name} is not supported by the suite: {why}.");
                }
            }
        }
    }
}
