using System.Reflection;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConcurrencyBench.Reporting;
using ConcurrencyBench.Reporting.Results;

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

    private const string ReportVerb = "report";
    private const string CompareVerb = "compare";
    private const string JoinTrialsVerb = "join-trials";

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
        if (args.Length > 0 && args[0] == ReportVerb)
        {
            return RebuildReports(args[1..], output, error);
        }

        if (args.Length > 0 && args[0] == CompareVerb)
        {
            return CompareCommand.Run(args[1..], output, error);
        }

        if (args.Length > 0 && args[0] == JoinTrialsVerb)
        {
            return JoinTrials(args[1..], output, error);
        }

        SuiteOptions options;
        ResultsFolder folder;
        string[] benchmarkArgs;
        IConfig parsed;
        try
        {
            options = SuiteOptions.Parse(args);
            if (options.WantsHelp || options.WantsVersion)
            {
                output.WriteLine(options.WantsHelp ? SuiteOptions.Help + Environment.NewLine + BenchmarkDotNetHelp() : VersionLine());
                return Success;
            }

            benchmarkArgs = WithDefaultFilter(options);
            parsed = ParseBenchmarkDotNetArgs(benchmarkArgs);
            folder = ResultsFolder.Prepare(options.OutDirectory);
        }
        catch (UsageException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return UsageError;
        }

        var filter = new AffordableCaseFilter(options.Profile);
        if (options.IsInformational)
        {
            BenchmarkSwitcher.FromAssembly(typeof(SuiteRunner).Assembly).Run(benchmarkArgs, SuiteConfig.Create(options, folder, filter));
            folder.CollectReports();
            return Success;
        }

        using CheckoutLock? running = CheckoutLock.TryAcquire(AppContext.BaseDirectory);
        if (running is null)
        {
            string holder = CheckoutLock.Holder(AppContext.BaseDirectory) is int pid ? $" (process {pid})" : "";
            error.WriteLine($"error: another run of the suite{holder} is measuring from this build ({AppContext.BaseDirectory}): BenchmarkDotNet's generated project there is shared, so wait for it to end, or run from another clone.");
            return UsageError;
        }

        output.WriteLine($"ConcurrencyBench: profile {options.Profile.Name}, reports to {folder.Path}");
        ChildShutdown.Install();
        using IDisposable? probe = options.NoCost || options.InProcess ? null : Infrastructure.ContextSwitchProbe.Enable(folder.StagingPath);
        folder.RemovePreviousReports();
        DateTimeOffset started = DateTimeOffset.UtcNow;
        HypervisorSteal? stealAtStart = HypervisorSteal.Read();
        long? timerTick = TimerClock.MeasureStepMilliseconds(TimeSpan.FromSeconds(1));
        WorkerSetup.Prepare(output);
        options.Cluster?.Export();
        var scaling = new CoreScalingCheck();
        int seed = options.Seed ?? TrialSchedule.NewSeed();
        // A seed asks for the trial path even for one trial: the interleaved measurement of two builds runs them one
        // trial at a time and joins each side's trials (join-trials).
        bool isTrialRun = options.Trials > 1 || options.Seed is not null;
        // A trial run measures CPython once per trial, at a random point of each trial; a run of one pass, after it.
        CPythonTrials? cpythonTrials = isTrialRun && options.RunsCPython ? new CPythonTrials(folder.Path, options.Profile, output) : null;
        (Summary[] summaries, TrialsRecord? trials, Dictionary<BenchmarkCase, int>? trialOf) = isTrialRun
            ? RunTrials(options, benchmarkArgs, folder, filter, scaling, seed, cpythonTrials)
            : (RunBenchmarks(options, benchmarkArgs, folder, filter, scaling), null, null);
        IReadOnlyList<string> reports;
        try
        {
            reports = [.. folder.CollectReports(), .. trialOf is null ? [] : TrialRuns.WriteExports(folder.Path, summaries, trialOf)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // At the end of a long run: one line, and what was written stays (BenchmarkDotNet's staging folder too).
            error.WriteLine($"error: the run measured everything but its exports could not be written into {folder.Path} ({ex.Message.TrimEnd('.')}): free space or fix the folder's permissions; the run's logs are under {folder.StagingPath}.");
            return BenchmarkFailed;
        }

        (CPythonRecord cpythonRecord, CPythonRun? cpython) = !options.RunsCPython ? (CPythonRecord.Skipped(options.CPythonSkipReason!), null)
            : cpythonTrials is not null ? cpythonTrials.Finish()
            : CPythonStep.Run(folder.Path, options.Profile, output);
        DateTimeOffset ended = DateTimeOffset.UtcNow;
        double? steal = HypervisorSteal.PercentBetween(stealAtStart, HypervisorSteal.Read());

        // Cases the profile left out, among those the command line asked for.
        IFilter[] asked = [.. parsed.GetFilters()];
        var skipped = filter.Skipped.Where(s => asked.All(f => f.Predicate(s.Key))).ToDictionary(s => s.Key, s => s.Value);
        foreach (var s in skipped.DistinctBy(s => s.Key.DisplayInfo).OrderBy(s => s.Key.DisplayInfo, StringComparer.Ordinal))
        {
            output.WriteLine($"skipped {CaseName(s.Key)}: {s.Value}.");
        }

        IReadOnlyList<string> failures = Failures(summaries);
        RunRecord run = RunRecordBuilder.Build(new RunInputs(options.Profile, summaries, skipped, started, ended, failures, scaling.ToRecord(), steal, timerTick, cpythonRecord, cpython, trials));
        try
        {
            reports = [.. reports, RunResults.WriteRun(folder.Path, run)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: run.json could not be written into {folder.Path} ({ex.Message.TrimEnd('.')}): free space or fix the folder's permissions; BenchmarkDotNet's exports there are kept.");
            return BenchmarkFailed;
        }

        try
        {
            reports = [.. reports, .. ReportSet.Write(folder.Path)];
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The run's own files (run.json, BenchmarkDotNet's exports) are written: the reports can be rebuilt later.
            string reason = ex is ResultsException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            failures = [.. failures, $"the reports could not be written ({reason}); rebuild them with: report {folder.Path}"];
        }

        foreach (string report in reports.Distinct())
        {
            output.WriteLine($"report: {report}");
        }

        // The answer last, where the user looks when the run ends: the decision table and where the evidence is.
        string reportPath = Path.Combine(folder.Path, Reporting.Writing.ReportDocument.FileName);
        if (File.Exists(reportPath) && AnswerOf(folder.Path) is string answer)
        {
            output.WriteLine();
            output.WriteLine($"The answer (the evidence is in {reportPath}):");
            output.Write(answer);
        }

        foreach (string failure in failures)
        {
            error.WriteLine($"error: {failure}");
        }

        return failures.Count == 0 ? Success : BenchmarkFailed;
    }

    // The decision table of a folder's run; null when it has none or the folder cannot be read (its reports said why).
    private static string? AnswerOf(string folder)
    {
        try
        {
            string table = Reporting.Writing.DecisionTable.Render(Reporting.Analysis.RunAnalysis.Of(RunResults.Load(folder)));
            return table.Length > 0 ? table : null;
        }
        catch (ResultsException)
        {
            return null;
        }
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

            foreach (BenchmarkReport report in summary.Reports.Where(r => !RunRecordBuilder.Succeeded(r)))
            {
                BenchmarkCase c = report.BenchmarkCase;
                failures.Add($"{CaseName(c)} failed or gave a wrong answer: {RunRecordBuilder.FailureReason(report)}");
            }
        }

        return failures;
    }

    private static string CaseName(BenchmarkCase c) =>
        $"{c.Descriptor.Type.Name}.{c.Descriptor.WorkloadMethod.Name}({c.Parameters.DisplayInfo.Trim('[', ']')})";

    // What BenchmarkSwitcher does, with a configuration per class: the profile's job may differ by class. One build,
    // one run, the command line's filters and options applied to every class.
    private static Summary[] RunBenchmarks(SuiteOptions options, string[] args, ResultsFolder folder, AffordableCaseFilter filter, CoreScalingCheck scaling)
    {
        var runs = new List<BenchmarkRunInfo>();
        foreach (Type type in BenchmarkClasses())
        {
            IConfig suite = SuiteConfig.Create(options, folder, filter, type, scaling);
            (_, IConfig parsed, _) = ConfigParser.Parse(args, NullLogger.Instance, suite);
            BenchmarkRunInfo run = BenchmarkConverter.TypeToBenchmarks(type, ManualConfig.Union(suite, parsed));
            if (run.BenchmarksCases.Length > 0)
            {
                runs.Add(run);
            }
        }

        return runs.Count == 0 ? [] : BenchmarkRunner.Run([.. runs]);
    }

    // Every case once per trial, each in a launch of its own, the trials in random orders over every class; one build.
    private static (Summary[] Summaries, TrialsRecord Trials, Dictionary<BenchmarkCase, int> TrialOf) RunTrials(SuiteOptions options, string[] args, ResultsFolder folder, AffordableCaseFilter filter, CoreScalingCheck scaling, int seed, CPythonTrials? cpython)
    {
        var check = new PeriodicScalingCheck(scaling, TrialScalingEvery);
        var trialRuns = new List<IReadOnlyList<BenchmarkRunInfo>>();
        for (int t = 0; t < options.Trials; t++)
        {
            var runs = new List<BenchmarkRunInfo>();
            foreach (Type type in BenchmarkClasses())
            {
                IConfig suite = SuiteConfig.Create(options, folder, filter, type, check, exports: false, interlude: cpython);
                (_, IConfig parsed, _) = ConfigParser.Parse(args, NullLogger.Instance, suite);
                BenchmarkRunInfo run = BenchmarkConverter.TypeToBenchmarks(type, ManualConfig.Union(suite, parsed));
                if (run.BenchmarksCases.Length > 0)
                {
                    runs.Add(run);
                }
            }

            trialRuns.Add(runs);
        }

        (BenchmarkRunInfo[] ordered, Dictionary<BenchmarkCase, int> trialOf, TrialsRecord record) = TrialRuns.Plan(trialRuns, seed);
        record = cpython?.Plan(record) ?? record;
        Summary[] summaries = ordered.Length == 0 ? [] : BenchmarkRunner.Run(ordered);
        return (summaries, record, trialOf);
    }

    // A trial run checks the cores' ceiling every this many cases (each case is a run info of its own).
    private const int TrialScalingEvery = 10;

    private static IEnumerable<Type> BenchmarkClasses() => typeof(SuiteRunner).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true, IsGenericTypeDefinition: false }
            && t.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), inherit: true)))
        .OrderBy(t => t.Name, StringComparer.Ordinal);

    private static int RebuildReports(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 1 || args.Any(a => a.StartsWith('-')))
        {
            error.WriteLine("error: report takes one folder at most: report [DIR] (default results/latest).");
            return UsageError;
        }

        string folder = args.Length == 1 ? args[0] : ResultsFolder.DefaultPath;
        return WriteFiles(() => ReportSet.Write(folder), folder, "the reports", output, error);
    }

    // join-trials OUT RUN [RUN ...]: runs of one build, each a trial or more, joined as the trials of one run; then its reports.
    private static int JoinTrials(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length < 2 || args.Any(a => a.StartsWith('-')))
        {
            error.WriteLine("error: join-trials needs the joined run's folder and the runs' folders: join-trials OUT RUN [RUN ...].");
            return UsageError;
        }

        return WriteFiles(() => [.. TrialJoin.Join(args[0], args[1..]), .. ReportSet.Write(args[0])], args[0], "the joined run", output, error);
    }

    // Writes a verb's files into a folder and names them; a folder it cannot read or write is one line and exit 2.
    private static int WriteFiles(Func<IEnumerable<string>> write, string folder, string what, TextWriter output, TextWriter error)
    {
        try
        {
            foreach (string written in write())
            {
                output.WriteLine($"report: {written}");
            }

            return Success;
        }
        catch (ResultsException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return UsageError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot write {what} into {Path.GetFullPath(folder)} ({ex.Message.TrimEnd('.')}): check the folder's permissions.");
            return UsageError;
        }
    }

    private static string VersionLine()
    {
        string version = typeof(SuiteRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return $"ConcurrencyBench {version} (BenchmarkDotNet {typeof(BenchmarkSwitcher).Assembly.GetName().Version?.ToString(3)}, .NET {Environment.Version})";
    }

    private static string BenchmarkDotNetHelp()
    {
        var log = new AccumulationLogger();
        ConfigParser.Parse(["--help"], log);
        return log.GetLog().Trim();
    }

    private static string[] WithDefaultFilter(SuiteOptions options)
    {
        // The suite's --in-process with a --job of the command line: BenchmarkDotNet builds that job, so the in-process
        // toolchain is asked of it with its own flag (the suite puts it on the profile's jobs itself; a user's
        // --inProcess is refused in favour of --in-process).
        string[] args = options.InProcess && options.HasJob ? [.. options.BenchmarkDotNetArgs, "--inProcess"] : [.. options.BenchmarkDotNetArgs];

        // Without a filter BenchmarkDotNet asks which benchmark to run; the suite runs them all instead.
        return options.HasFilter || options.IsInformational ? args : [.. args, "--filter", "*"];
    }

    private static IConfig ParseBenchmarkDotNetArgs(string[] args)
    {
        var log = new AccumulationLogger();
        (bool isSuccess, IConfig config, _) = ConfigParser.Parse(args, log);
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

        return config;
    }
}
