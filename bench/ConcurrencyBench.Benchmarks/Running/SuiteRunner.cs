using BenchmarkDotNet.Configs;
using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>Runs the suite from a command line and turns the outcome into an exit code.</summary>
public static class SuiteRunner
{
    /// <summary>Every benchmark ran and every result was right.</summary>
    public const int Success = 0;

    /// <summary>A benchmark failed, gave a wrong result, or none matched.</summary>
    public const int BenchmarkFailed = 1;

    /// <summary>The command line or the results folder is unusable; nothing ran.</summary>
    public const int UsageError = 2;

    /// <summary>Runs the suite.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where the suite's own lines go.</param>
    /// <param name="error">Where the one-line usage errors go.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        SuiteOptions options;
        ResultsFolder folder;
        string[] benchmarkArgs;
        try
        {
            options = SuiteOptions.Parse(args);
            benchmarkArgs = WithDefaultFilter(options);
            ValidateBenchmarkDotNetArgs(benchmarkArgs);
            folder = ResultsFolder.Prepare(options.OutDirectory);
        }
        catch (UsageException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return UsageError;
        }

        if (options.IsInformational)
        {
            BenchmarkSwitcher.FromAssembly(typeof(SuiteRunner).Assembly).Run(benchmarkArgs, SuiteConfig.Create(options, folder, output));
            if (options.BenchmarkDotNetArgs.Any(a => a is "--help" or "-h" or "-?"))
            {
                output.WriteLine("ConcurrencyBench's own options: --profile quick|full (default quick), --out DIR (default results/latest under the repository root).");
            }

            folder.CollectReports();
            return Success;
        }

        output.WriteLine($"ConcurrencyBench: profile {options.Profile.Name}, reports to {folder.Path}");
        WorkerSetup.Prepare(output);
        Summary[] summaries = BenchmarkSwitcher.FromAssembly(typeof(SuiteRunner).Assembly)
            .Run(benchmarkArgs, SuiteConfig.Create(options, folder, output))
            .ToArray();
        IReadOnlyList<string> reports = folder.CollectReports();
        SuiteSummary.Write(summaries, folder.Path);
        reports = [.. reports, .. CrossoverReport.Write(summaries, folder.Path)];

        IReadOnlyList<string> failures = Failures(summaries);
        foreach (string report in reports)
        {
            output.WriteLine($"report: {report}");
        }

        foreach (string failure in failures)
        {
            error.WriteLine($"error: {failure}");
        }

        return failures.Count == 0 ? Success : BenchmarkFailed;
    }

    /// <summary>What went wrong in a run, one line each; empty when nothing did.</summary>
    /// <param name="summaries">The run's summaries.</param>
    public static IReadOnlyList<string> Failures(IReadOnlyList<Summary> summaries)
    {
        var failures = new List<string>();
        if (summaries.Count == 0 || summaries.All(s => s.BenchmarksCases.Length == 0))
        {
            failures.Add("no benchmark matched the filter: list them with --list flat.");
        }

        foreach (Summary summary in summaries)
        {
            if (summary.HasCriticalValidationErrors)
            {
                failures.AddRange(summary.ValidationErrors.Where(e => e.IsCritical).Select(e => $"{summary.Title}: {e.Message}"));
            }

            foreach (BenchmarkReport report in summary.Reports)
            {
                bool exited = report.ExecuteResults.All(r => r.ExitCode is null or 0);
                if (!report.Success || report.ResultStatistics is null || !exited)
                {
                    failures.Add($"{report.BenchmarkCase.Descriptor.DisplayInfo} [{report.BenchmarkCase.Parameters.DisplayInfo}] failed or gave a wrong result: see its log above.");
                }
            }
        }

        return failures;
    }

    private static string[] WithDefaultFilter(SuiteOptions options)
    {
        // Without a filter BenchmarkDotNet asks which benchmark to run; the suite runs them all instead.
        return options.HasFilter || options.IsInformational
            ? options.BenchmarkDotNetArgs.ToArray()
            : [.. options.BenchmarkDotNetArgs, "--filter", "*"];
    }

    private static void ValidateBenchmarkDotNetArgs(string[] args)
    {
        var log = new AccumulationLogger();
        (bool isSuccess, _, _) = ConfigParser.Parse(args, log);
        if (!isSuccess)
        {
            // CommandLineParser writes "ERROR(S):" and then one line per error; the first error is the one to show.
            string[] lines = log.GetLog().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string reason = lines
                .SkipWhile(line => !line.StartsWith("ERROR", StringComparison.OrdinalIgnoreCase))
                .Skip(1)
                .FirstOrDefault()
                ?? lines.FirstOrDefault()
                ?? "the command line is not valid";
            throw new UsageException($"{reason.TrimStart('(').TrimEnd('.', ')')}: run with --help to list the options.");
        }
    }
}
