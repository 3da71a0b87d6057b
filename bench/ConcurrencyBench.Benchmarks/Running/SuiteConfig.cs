using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ConcurrencyBench.Benchmarks.Infrastructure;
using Perfolizer.Horology;
using Perfolizer.Metrology;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>Builds the BenchmarkDotNet configuration of a run.</summary>
internal static class SuiteConfig
{
    /// <summary>The fixed time unit of the CSV reports, so that scripts can read them.</summary>
    public static readonly TimeUnit CsvTimeUnit = TimeUnit.Microsecond;

    /// <summary>Creates the configuration for <paramref name="options"/>, writing into <paramref name="folder"/>.</summary>
    /// <param name="options">The parsed command line.</param>
    /// <param name="folder">The results folder.</param>
    /// <param name="filter">The filter that leaves out what the profile does not run.</param>
    /// <param name="type">The benchmark class the configuration is for (its job may differ), or null for any.</param>
    /// <param name="scaling">The check of the cores' ceiling to run before each class (one instance for the whole run), if any.</param>
    /// <param name="exports">Whether BenchmarkDotNet writes its exports (a trial run writes its own, one per class).</param>
    /// <param name="interlude">What runs between a trial run's cases (the CPython launches), if anything.</param>
    public static IConfig Create(SuiteOptions options, ResultsFolder folder, AffordableCaseFilter filter, Type? type = null, BenchmarkDotNet.EventProcessors.EventProcessor? scaling = null, bool exports = true, BenchmarkDotNet.EventProcessors.EventProcessor? interlude = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(folder);
        // Plain numbers for scripts: no thousands separators, a fixed unit in the header.
        var csvCulture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        csvCulture.NumberFormat.NumberGroupSeparator = "";
        var csvStyle = new SummaryStyle(
            csvCulture,
            printUnitsInHeader: true,
            sizeUnit: SizeUnit.B,
            timeUnit: CsvTimeUnit,
            printUnitsInContent: false,
            printZeroValuesInContent: true,
            maxParameterColumnWidth: 40);

        ManualConfig config = ManualConfig.CreateEmpty()
            .AddColumnProvider(DefaultColumnProviders.Instance)
            // n beside every mean; speedups, efficiencies and GB/s, with their intervals, are in summary.md and REPORT.md.
            .AddColumn(StatisticColumn.Iterations, WorkerFlavorColumn.Instance, WireBytesColumn.Instance)
            .AddLogger(ConsoleLogger.Default)
            .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
            .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
            .AddDiagnoser([.. DefaultConfig.Instance.GetDiagnosers(), .. options.NoCost ? [] : new IDiagnoser[] { ProcessTreeCostDiagnoser.Instance }])
            .AddFilter(filter)
            .WithArtifactsPath(folder.StagingPath)
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));

        if (exports)
        {
            config.AddExporter(MarkdownExporter.GitHub, new CsvExporter(CsvSeparator.Comma, csvStyle), JsonExporter.Full);
        }

        if (!options.HasJob)
        {
            Job job = type is null ? options.Profile.Job : options.Profile.JobFor(type);
            config.AddJob(options.InProcess ? job.WithToolchain(InProcessEmitToolchain.Instance) : job);
        }

        if (scaling is not null)
        {
            config.AddEventProcessor(scaling);
        }

        if (interlude is not null)
        {
            config.AddEventProcessor(interlude);
        }

        if (options.Profile.MeasuresAllocationsAndThreads)
        {
            // Bytes per item and the thread pool's figures, for every strategy at every N (full profile only: the
            // diagnosers add an iteration to each benchmark).
            config.AddDiagnoser(MemoryDiagnoser.Default, ThreadingDiagnoser.Default);
        }

        return config;
    }
}
