using System.Text.Json;

namespace ConcurrencyBench.Reporting.Results;

/// <summary>
/// What <c>scripts/cpython-exercises.py</c> writes beside its samples (<c>cpython-run.json</c>): the interpreter's facts
/// and its classes and benchmarks, in run.json's own shape, for the runner to merge into run.json.
/// </summary>
/// <param name="Interpreter">The interpreter's facts.</param>
/// <param name="Classes">One record per exercise.</param>
/// <param name="Benchmarks">One record per benchmark.</param>
public sealed record CPythonRun(CPythonRecord Interpreter, IReadOnlyList<ClassRecord> Classes, IReadOnlyList<BenchmarkRecord> Benchmarks)
{
    /// <summary>The file the script writes its records to.</summary>
    public const string FileName = "cpython-run.json";

    /// <summary>The file the script writes its samples to, in the shape of BenchmarkDotNet's full JSON export.</summary>
    public const string ExportFileName = "cpython-report-full.json";

    /// <summary>Reads the script's records.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ResultsException">The file is missing, corrupt or of another shape.</exception>
    public static CPythonRun Read(string path)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement root = document.RootElement;
            JsonElement i = root.GetProperty("interpreter");
            var interpreter = new CPythonRecord(
                BenchmarkStatus.Measured,
                null,
                i.GetProperty("implementation").GetString(),
                i.GetProperty("version").GetString(),
                i.GetProperty("gilEnabled").GetBoolean(),
                i.GetProperty("freeThreadedBuild").GetBoolean(),
                i.GetProperty("startMethod").GetString(),
                i.GetProperty("executable").GetString(),
                i.GetProperty("seconds").GetDouble());
            ClassRecord[] classes = [.. root.GetProperty("classes").EnumerateArray()
                .Select(c => (c.Deserialize(RunRecordJson.Default.ClassRecord) ?? throw new FormatException("a null class")) with { Seconds = null, Runtime = CPythonRecord.RuntimeName })];
            BenchmarkRecord[] benchmarks = [.. root.GetProperty("benchmarks").EnumerateArray()
                .Select(b => b.Deserialize(RunRecordJson.Default.BenchmarkRecord) ?? throw new FormatException("a null benchmark"))];
            return new CPythonRun(interpreter, classes, benchmarks);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            throw new ResultsException($"{path} cannot be read ({ex.Message.Split('\n')[0].TrimEnd('.')}): run the CPython exercises again.");
        }
    }
}
