using System.Text.Json;

namespace ConcurrencyBench.Reporting.Results;

/// <summary>Reads BenchmarkDotNet's full JSON export (<c>*-report-full.json</c>): every benchmark and its measurements.</summary>
internal static class FullJsonReader
{
    public const string Pattern = "*-report-full.json";

    public static IReadOnlyList<MeasuredBenchmark> Read(string path)
    {
        string name = Path.GetFileName(path);
        try
        {
            using JsonDocument document = JsonDocument.Parse(ResultsFile.ReadText(path, ResultsFile.MaxExportBytes));
            if (!document.RootElement.TryGetProperty("Benchmarks", out JsonElement benchmarks) || benchmarks.ValueKind != JsonValueKind.Array)
            {
                throw new ResultsException($"{path} has no Benchmarks array: it is not a BenchmarkDotNet full JSON export; run the suite again to rewrite it.");
            }

            return [.. benchmarks.EnumerateArray().Select(b => ReadBenchmark(b, name))];
        }
        catch (JsonException ex)
        {
            throw new ResultsException($"{path} is not valid JSON (line {ex.LineNumber + 1}): the file is truncated or corrupt; run the suite again to rewrite it.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ResultsException($"cannot read {path} ({ex.Message.TrimEnd('.')}).");
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new ResultsException($"{path} does not have the shape of a BenchmarkDotNet full JSON export ({ex.Message.TrimEnd('.')}); run the suite again to rewrite it.");
        }
    }

    private static MeasuredBenchmark ReadBenchmark(JsonElement benchmark, string file)
    {
        string id = benchmark.GetProperty("FullName").GetString() ?? throw new FormatException($"a benchmark in {file} has no FullName");
        string type = benchmark.GetProperty("Type").GetString() ?? "";
        string method = benchmark.GetProperty("Method").GetString() ?? "";
        var samples = new List<double>();
        var launches = new List<int>();
        if (benchmark.TryGetProperty("Measurements", out JsonElement measurements) && measurements.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement m in measurements.EnumerateArray())
            {
                if (m.GetProperty("IterationMode").GetString() == "Workload" && m.GetProperty("IterationStage").GetString() == "Result")
                {
                    double operations = m.GetProperty("Operations").GetDouble();
                    double nanoseconds = m.GetProperty("Nanoseconds").GetDouble();
                    if (operations > 0 && nanoseconds > 0)
                    {
                        samples.Add(nanoseconds / operations);
                        launches.Add(m.TryGetProperty("LaunchIndex", out JsonElement launch) && launch.TryGetInt32(out int index) ? index : 1);
                    }
                }
            }
        }

        double mean = double.NaN;
        double? error = null;
        if (benchmark.TryGetProperty("Statistics", out JsonElement statistics) && statistics.ValueKind == JsonValueKind.Object)
        {
            mean = Number(statistics, "Mean") ?? double.NaN;
            if (statistics.TryGetProperty("ConfidenceInterval", out JsonElement ci) && ci.ValueKind == JsonValueKind.Object)
            {
                error = Number(ci, "Margin");
            }
        }

        return new MeasuredBenchmark(id, type, method, samples, mean, error, launches.Distinct().Count() > 1 ? launches : null);
    }

    // BenchmarkDotNet writes a number that is not finite (an interval of one sample) as an empty string.
    private static double? Number(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
