using System.Text.Json;

namespace ConcurrencyBench.Reporting.Results;

/// <summary>
/// A folder of plain BenchmarkDotNet full JSON exports (any BenchmarkDotNet project's
/// <c>BenchmarkDotNet.Artifacts/results</c>, with no <c>run.json</c>), read as a run so that <c>compare</c> serves other
/// projects too, as dotnet/performance's ResultsComparer does. What such a folder cannot tell is said wherever it is
/// shown: each row is one launch unless its job made more, with no trials, so its interval covers that launch's samples
/// and not what varies from one launch or run to the next.
/// </summary>
public static class PlainExportRun
{
    /// <summary>The suite name a run read from plain exports carries.</summary>
    public const string SuiteName = "BenchmarkDotNet exports";

    /// <summary>The record of a folder of plain exports: a class per type, a row per exported benchmark.</summary>
    /// <param name="exports">The folder's full JSON exports.</param>
    /// <param name="measured">What they measured.</param>
    public static RunRecord Record(IReadOnlyList<string> exports, IReadOnlyCollection<MeasuredBenchmark> measured)
    {
        ArgumentNullException.ThrowIfNull(exports);
        ArgumentNullException.ThrowIfNull(measured);
        string[] types = [.. measured.Select(m => m.Type).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        return new RunRecord
        {
            Suite = new SuiteRecord(SuiteName, "", null, null),
            Profile = new ProfileRecord("plain", "the exports' own jobs", 0.01, 5, 0),
            Machine = Machine(exports),
            Classes = [.. types.Select(t => new ClassRecord(t, t, QuestionKind.BaselineComparison, null, null, null, ["plain BenchmarkDotNet export: no trials"]))],
            Benchmarks = [.. measured.OrderBy(m => m.Id, StringComparer.Ordinal).Select(m => new BenchmarkRecord(
                m.Id, m.Type, m.Method, Parameters(m.Id), "", false, [], null, false, null, null, null, null, BenchmarkStatus.Measured, null, null, null))],
        };
    }

    // "Namespace.Type.Method(N: 5, K: 2)": the parameters between the outer parentheses.
    private static IReadOnlyList<ParameterRecord> Parameters(string fullName)
    {
        int open = fullName.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !fullName.EndsWith(')'))
        {
            return [];
        }

        string inner = fullName[(open + 1)..^1];
        return [.. inner.Split(", ", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(": ", 2))
            .Where(p => p.Length == 2)
            .Select(p => new ParameterRecord(p[0], p[1]))];
    }

    // The host the first export describes; "unknown" for what it does not say.
    private static MachineRecord Machine(IReadOnlyList<string> exports)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(ResultsFile.ReadText(exports[0], ResultsFile.MaxExportBytes));
            if (document.RootElement.TryGetProperty("HostEnvironmentInfo", out JsonElement host) && host.ValueKind == JsonValueKind.Object)
            {
                return new MachineRecord(
                    Text(host, "ProcessorName") ?? "unknown",
                    Int(host, "LogicalCoreCount") ?? 0,
                    Int(host, "PhysicalCoreCount"),
                    null,
                    Text(host, "OsVersion") ?? "unknown",
                    Text(host, "RuntimeVersion") ?? "unknown",
                    Text(host, "Architecture") ?? "unknown");
            }
        }
        catch (JsonException)
        {
            // Read again, with its error, when its benchmarks are read.
        }

        return new MachineRecord("unknown", 0, null, null, "unknown", "unknown", "unknown");
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? Printable(v.GetString()!) : null;

    // Text from a file that may come from anywhere, shown in a Markdown table: no control characters, no cell breaks,
    // at most 200 characters.
    private static string Printable(string text)
    {
        string clean = new([.. text.Select(c => char.IsControl(c) || c is '|' or '`' ? ' ' : c)]);
        return clean.Length > 200 ? clean[..200] : clean;
    }

    private static int? Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : null;
}
