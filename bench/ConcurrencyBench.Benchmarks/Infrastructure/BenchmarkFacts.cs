using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// Facts a benchmark process reports to the runner: one line on its standard output at global cleanup, which
/// BenchmarkDotNet keeps with that benchmark's report (in-process runs have no such output, and report none).
/// </summary>
/// <param name="CheckedCalls">Calls whose answer was checked.</param>
/// <param name="CheckedIterations">Iterations whose buffers were poisoned and checked.</param>
/// <param name="PeakThreads">The most threads the process had at once, where sampled.</param>
/// <param name="PoolThreads">The thread pool's threads at the end, where sampled.</param>
/// <param name="InjectedThreads">The threads the pool added beyond its count at the start, where sampled.</param>
/// <param name="Cluster">A cluster row's silos, time to ready and items per silo.</param>
public sealed record BenchmarkFacts(long CheckedCalls, long CheckedIterations, int? PeakThreads, int? PoolThreads, int? InjectedThreads = null, ClusterFacts? Cluster = null)
{
    private const string Prefix = "// ConcurrencyBench.Facts ";

    /// <summary>Writes the facts of <paramref name="check"/> (and of <paramref name="census"/>, if any) to standard output.</summary>
    /// <param name="check">The answers checked.</param>
    /// <param name="census">The thread census, if the benchmark kept one.</param>
    /// <param name="cluster">A cluster row's facts, if it is one.</param>
    public static void Report(AnswerCheck check, ThreadCensus? census = null, ClusterFacts? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(check);
        var facts = new BenchmarkFacts(check.Calls, check.Iterations, census?.Peak, census is null ? null : ThreadPool.ThreadCount, census?.Injected, cluster);
        Console.Out.WriteLine(facts.ToLine());
        Console.Out.Flush();
    }

    /// <summary>The facts in a benchmark process's output; null when it reported none.</summary>
    /// <param name="output">The lines the process wrote.</param>
    public static BenchmarkFacts? Find(IEnumerable<string>? output)
    {
        string? line = output?.LastOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var values = line[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        long Long(string key) => values.TryGetValue(key, out string? v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : 0;
        int? Int(string key) => values.TryGetValue(key, out string? v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : null;
        ClusterFacts? cluster = Int("clusterSilos") is int silos
            && values.TryGetValue("clusterReadyMs", out string? ready) && double.TryParse(ready, NumberStyles.Float, CultureInfo.InvariantCulture, out double readyMs)
            ? new ClusterFacts(
                silos,
                readyMs,
                [.. (values.GetValueOrDefault("itemsPerSilo") ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).Select(v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : 0)],
                values.GetValueOrDefault("clusterExisting") == "true")
            : null;
        return new BenchmarkFacts(Long("checkedCalls"), Long("checkedIterations"), Int("peakThreads"), Int("poolThreads"), Int("injectedThreads"), cluster);
    }

    /// <summary>The name a benchmark instance's messages use: "Class.Method(N=5, K=64)".</summary>
    /// <param name="benchmark">The benchmark instance (BenchmarkDotNet runs a generated subclass of the class).</param>
    /// <param name="method">The benchmark method.</param>
    public static string NameOf(object benchmark, string method)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        Type type = benchmark.GetType();
        while (type.Assembly != typeof(BenchmarkFacts).Assembly && type.BaseType is not null)
        {
            type = type.BaseType;
        }

        string parameters = string.Join(", ", type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.IsDefined(typeof(ParamsAttribute)) || p.IsDefined(typeof(ParamsSourceAttribute)))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.GetValue(benchmark)}")));
        return $"{type.Name}.{method}({parameters})";
    }

    private string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}checkedCalls={CheckedCalls} checkedIterations={CheckedIterations}{(PeakThreads is int p ? $" peakThreads={p}" : "")}{(PoolThreads is int t ? $" poolThreads={t}" : "")}{(InjectedThreads is int j ? $" injectedThreads={j}" : "")}{(Cluster is { } c ? $" clusterSilos={c.Silos} clusterReadyMs={c.TimeToReadyMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} itemsPerSilo={string.Join('/', c.ItemsPerSilo)} clusterExisting={(c.Existing ? "true" : "false")}" : "")}");
}
