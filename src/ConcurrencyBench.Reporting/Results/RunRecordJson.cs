using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConcurrencyBench.Reporting.Results;

/// <summary>run.json's serializer: camelCase, enums by name, indented, source-generated.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunRecord))]
[JsonSerializable(typeof(ClassRecord))]
[JsonSerializable(typeof(BenchmarkRecord))]
internal sealed partial class RunRecordJson : JsonSerializerContext
{
    public static string Serialize(RunRecord record) => JsonSerializer.Serialize(record, Default.RunRecord);

    public static RunRecord? Deserialize(string json) => JsonSerializer.Deserialize(json, Default.RunRecord);
}
