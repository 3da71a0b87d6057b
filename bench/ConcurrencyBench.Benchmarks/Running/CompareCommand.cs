using System.Globalization;
using ConcurrencyBench.Reporting.Comparison;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// <c>compare BASE CURRENT [--threshold 5%] [--out FILE]</c>: tells a regression from noise between two results
/// folders (exit 1 when a benchmark is significantly slower beyond the threshold); <c>compare --baseline NAME CURRENT</c>
/// against a named baseline, saved with <c>compare --save-baseline NAME DIR</c> (<see cref="BaselineStore"/>);
/// <c>compare --merge A B ...</c>: several machines' runs in one table. Bad input is one line and exit 2.
/// </summary>
internal static class CompareCommand
{
    /// <summary>
    /// The default threshold, in percent: the smallest at which every pair of three back-to-back quick runs of one build
    /// (results/reference/amd-epyc-2core-linux-quick-trials/, scripts/aa-threshold.cs) flags at most one row of the whole
    /// suite (docs/comparing-and-ci.md).
    /// </summary>
    public const double DefaultThreshold = 7;

    public const string Usage = "compare BASE CURRENT [--threshold 10%] [--gate strategies|all] [--paired] [--out FILE], compare --baseline NAME CURRENT [...], compare --save-baseline NAME DIR, or compare --merge A B [C ...] [--out FILE]";

    public static int Run(string[] args, TextWriter output, TextWriter error, string? baselinesRoot = null)
    {
        try
        {
            (bool merge, List<string> folders, double threshold, GateScope gate, bool paired, string? outFile, string? baseline, string? saveAs) = Parse(args);
            string root = baselinesRoot ?? BaselineStore.DefaultRoot;
            if (saveAs is not null)
            {
                string saved = BaselineStore.Save(saveAs, folders[0], root);
                output.WriteLine($"compare: {Path.GetFullPath(folders[0])} saved as baseline {saveAs} ({saved}); compare a later run with: compare --baseline {saveAs} DIR");
                return SuiteRunner.Success;
            }

            if (baseline is not null)
            {
                folders.Insert(0, BaselineStore.PathOf(baseline, root));
            }

            RunResults[] runs = [.. folders.Select(f => RunResults.Load(f, allowPlainExports: true))];
            string markdown;
            int code = SuiteRunner.Success;
            if (merge)
            {
                markdown = MergeDocument.Render(runs);
            }
            else
            {
                var settings = new StatisticsSettings(runs[1].Run.Profile.SignificanceLevel, threshold);
                RunComparison comparison = RunComparison.Of(runs[0], runs[1], settings, gate, paired);
                markdown = CompareDocument.Render(comparison);
                code = comparison.Regressions.Any() ? SuiteRunner.BenchmarkFailed : SuiteRunner.Success;
            }

            // --out names a file, or a folder (as the suite's --out does): an existing folder, or a path ending in '/'.
            string name = merge ? "merge.md" : "compare.md";
            string file = Path.GetFullPath(outFile is null ? Path.Combine(folders[^1], name)
                : Directory.Exists(outFile) || outFile.EndsWith('/') ? Path.Combine(outFile, name) : outFile);
            AtomicFile.WriteAllText(file, markdown);
            output.Write(markdown);
            output.WriteLine($"compare: written to {file}");
            return code;
        }
        catch (UsageException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return SuiteRunner.UsageError;
        }
        catch (ResultsException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return SuiteRunner.UsageError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot write the comparison ({ex.Message.TrimEnd('.')}): choose a writable file with --out FILE.");
            return SuiteRunner.UsageError;
        }
    }

    private static (bool Merge, List<string> Folders, double Threshold, GateScope Gate, bool Paired, string? Out, string? Baseline, string? SaveAs) Parse(string[] args)
    {
        string? baseline = null;
        string? saveAs = null;
        bool merge = false;
        bool paired = false;
        double threshold = DefaultThreshold;
        GateScope gate = GateScope.Strategies;
        string? outFile = null;
        var folders = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--merge":
                    merge = true;
                    break;
                case "--paired":
                    paired = true;
                    break;
                case "--threshold" when i + 1 < args.Length:
                    string text = args[++i].TrimEnd('%');
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out threshold) || !(threshold > 0 && threshold < 100))
                    {
                        throw new UsageException($"the threshold '{args[i]}' is not a percentage between 0 and 100: use for example --threshold 5%.");
                    }

                    break;
                case "--gate" when i + 1 < args.Length:
                    gate = args[++i].ToLowerInvariant() switch
                    {
                        "strategies" => GateScope.Strategies,
                        "all" => GateScope.All,
                        _ => throw new UsageException($"unknown gate '{args[i]}': use --gate strategies or --gate all."),
                    };
                    break;
                case "--out" when i + 1 < args.Length:
                    outFile = args[++i];
                    break;
                case "--baseline" when i + 1 < args.Length:
                    baseline = args[++i];
                    break;
                case "--save-baseline" when i + 1 < args.Length:
                    saveAs = args[++i];
                    break;
                case var a when a.StartsWith('-'):
                    throw new UsageException($"unknown or incomplete option '{a}': {Usage}.");
                default:
                    folders.Add(args[i]);
                    break;
            }
        }

        if (saveAs is not null)
        {
            return folders.Count == 1 && !merge && baseline is null
                ? (merge, folders, threshold, gate, paired, outFile, baseline, saveAs)
                : throw new UsageException($"--save-baseline NAME takes one results folder and nothing else to compare: {Usage}.");
        }

        if (baseline is not null)
        {
            return folders.Count == 1 && !merge
                ? (merge, folders, threshold, gate, paired, outFile, baseline, saveAs)
                : throw new UsageException($"--baseline NAME takes the one folder to compare with it: {Usage}.");
        }

        if (merge ? folders.Count < 2 : folders.Count != 2)
        {
            throw new UsageException($"{(merge ? "--merge needs two folders or more" : "compare needs two folders")}: {Usage}.");
        }

        if (merge && paired)
        {
            throw new UsageException($"--paired compares two runs, --merge tabulates several: drop one of them: {Usage}.");
        }

        return (merge, folders, threshold, gate, paired, outFile, baseline, saveAs);
    }
}
