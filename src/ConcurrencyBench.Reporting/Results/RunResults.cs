using System.Text.Json;

namespace ConcurrencyBench.Reporting.Results;

/// <summary>
/// A results folder, read: <c>run.json</c> joined with BenchmarkDotNet's full JSON exports. Everything that reads
/// results (REPORT.md, the summary tables, the crossover table, compare) reads them through this type, so that any
/// stored folder can be reported on again.
/// </summary>
public sealed class RunResults
{
    /// <summary>The name of the run's own record in a results folder.</summary>
    public const string RunFileName = "run.json";

    private readonly Dictionary<string, MeasuredBenchmark> _measured;

    private RunResults(string folder, RunRecord run, Dictionary<string, MeasuredBenchmark> measured)
    {
        Folder = folder;
        Run = run;
        _measured = measured;
    }

    /// <summary>Gets the folder the results were read from.</summary>
    public string Folder { get; }

    /// <summary>Gets the run's record.</summary>
    public RunRecord Run { get; }

    /// <summary>Gets every benchmark BenchmarkDotNet exported.</summary>
    public IEnumerable<MeasuredBenchmark> Measured => _measured.Values;

    /// <summary>Reads a results folder.</summary>
    /// <param name="folder">The folder a run wrote.</param>
    /// <exception cref="ResultsException">The folder is missing, has no results, or a file in it is corrupt or of another schema.</exception>
    /// <param name="allowPlainExports">Whether a folder of plain BenchmarkDotNet full JSON exports without a run.json
    /// is read too (<see cref="PlainExportRun"/>; compare reads them, the reports do not).</param>
    public static RunResults Load(string folder, bool allowPlainExports = false)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new ResultsException($"no results folder at {full}: give the folder a run wrote (results/latest by default).");
        }

        string runPath = Path.Combine(full, RunFileName);
        string[] exports = Directory.GetFiles(full, FullJsonReader.Pattern);
        if (!File.Exists(runPath))
        {
            return allowPlainExports && exports.Length > 0
                ? LoadPlain(full, exports)
                : throw new ResultsException($"{full} has no {RunFileName}: it is not a results folder of this suite, or its run did not finish; run the suite to write one.");
        }

        RunRecord run = ReadRun(runPath);
        if (exports.Length == 0 && run.Benchmarks.Any(b => b.Status != BenchmarkStatus.Skipped))
        {
            throw new ResultsException($"{full} has no exported results ({FullJsonReader.Pattern}): run the suite to write them.");
        }

        var measured = new Dictionary<string, MeasuredBenchmark>(StringComparer.Ordinal);
        foreach (string export in exports.Order(StringComparer.Ordinal))
        {
            if (new FileInfo(export).LinkTarget is not null)
            {
                throw new ResultsException($"{export} is a link: a results folder holds the files themselves; copy them in and report again.");
            }

            foreach (MeasuredBenchmark benchmark in FullJsonReader.Read(export))
            {
                measured[benchmark.Id] = run.Trials is null ? benchmark : benchmark with { LaunchesAreTrials = true };
            }
        }

        return new RunResults(full, run, measured);
    }

    /// <summary>Gets a value indicating whether the results were read from plain BenchmarkDotNet exports (no run.json).</summary>
    public bool IsPlainExport => Run.Suite.Name == PlainExportRun.SuiteName;

    private static RunResults LoadPlain(string folder, string[] exports)
    {
        var measured = new Dictionary<string, MeasuredBenchmark>(StringComparer.Ordinal);
        foreach (string export in exports.Order(StringComparer.Ordinal))
        {
            if (new FileInfo(export).LinkTarget is not null)
            {
                throw new ResultsException($"{export} is a link: a results folder holds the files themselves; copy them in and compare again.");
            }

            foreach (MeasuredBenchmark benchmark in FullJsonReader.Read(export).Where(b => b.Samples.Count > 0))
            {
                if (!measured.TryAdd(benchmark.Id, benchmark))
                {
                    throw new ResultsException($"{folder} exports the benchmark '{benchmark.Id}' twice: keep one run's exports per folder.");
                }
            }
        }

        return measured.Count > 0
            ? new RunResults(folder, PlainExportRun.Record(exports, measured.Values), measured)
            : throw new ResultsException($"{folder} has exports but no measured benchmark in them: run the benchmarks again.");
    }

    /// <summary>Results from records in memory: for tests of the rules on fixed inputs.</summary>
    /// <param name="folder">The folder reports would go to.</param>
    /// <param name="run">The run's record.</param>
    /// <param name="measured">The measurements.</param>
    internal static RunResults Create(string folder, RunRecord run, IEnumerable<MeasuredBenchmark> measured) =>
        new(folder, run, measured.ToDictionary(m => m.Id, StringComparer.Ordinal));

    /// <summary>
    /// The same results with one row's every sample multiplied by <paramref name="factor"/> (in every trial): a known
    /// slowdown, to check what compare catches against runs of one build.
    /// </summary>
    /// <param name="results">The results.</param>
    /// <param name="id">The row's id.</param>
    /// <param name="factor">The factor, for example 1.15.</param>
    public static RunResults WithScaled(RunResults results, string id, double factor)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        return new(results.Folder, results.Run, results._measured.Values.ToDictionary(m => m.Id, m => m.Id == id ? m.Scaled(factor) : m, StringComparer.Ordinal));
    }

    /// <summary>The measurements of a benchmark case; null when it was not measured.</summary>
    /// <param name="record">The case.</param>
    public MeasuredBenchmark? MeasurementsOf(BenchmarkRecord record) =>
        _measured.TryGetValue((record ?? throw new ArgumentNullException(nameof(record))).Id, out MeasuredBenchmark? m) && m.Samples.Count > 0 ? m : null;

    /// <summary>The class record of <paramref name="type"/>; null when the run has none.</summary>
    /// <param name="type">The class's name.</param>
    public ClassRecord? ClassOf(string type) => Run.Classes.FirstOrDefault(c => c.Type == type);

    /// <summary>Writes a run's record into a folder (atomically).</summary>
    /// <param name="folder">The results folder.</param>
    /// <param name="run">The record.</param>
    /// <returns>The file written.</returns>
    public static string WriteRun(string folder, RunRecord run)
    {
        string path = Path.Combine(folder, RunFileName);
        AtomicFile.WriteAllText(path, RunRecordJson.Serialize(run));
        return path;
    }

    private static RunRecord ReadRun(string path)
    {
        string text = ResultsFile.ReadText(path, ResultsFile.MaxRunBytes);

        int schema;
        try
        {
            using (JsonDocument probe = JsonDocument.Parse(text))
            {
                schema = probe.RootElement.ValueKind == JsonValueKind.Object && probe.RootElement.TryGetProperty("schema", out JsonElement s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out int v) ? v : 0;
                if (schema is < RunRecordMigration.OldestSchema or > RunRecord.CurrentSchema)
                {
                    throw new ResultsException($"{path} has schema {schema}; this build reads schemas {RunRecordMigration.OldestSchema} to {RunRecord.CurrentSchema}: the folder comes from an incompatible version of the suite; run the suite again with this version.");
                }
            }

            RunRecord run = RunRecordJson.Deserialize(text) ?? throw new ResultsException($"{path} is empty: run the suite again to rewrite it.");
            RunRecordValidation.Check(run, path);
            return RunRecordMigration.ToCurrent(run, schema);
        }
        catch (JsonException ex)
        {
            throw new ResultsException($"{path} is not valid JSON of this suite's run record (line {ex.LineNumber + 1}): the file is truncated or corrupt; run the suite again to rewrite it.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            throw new ResultsException($"{path} does not have the shape of this suite's run record ({ex.Message.TrimEnd('.')}); run the suite again to rewrite it.");
        }
    }
}
