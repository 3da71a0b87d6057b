namespace ConcurrencyBench.Reporting.Results;

/// <summary>One benchmark of BenchmarkDotNet's full JSON export: its identity and its measured times.</summary>
/// <param name="Id">The case's full name (the export's FullName).</param>
/// <param name="Type">The class.</param>
/// <param name="Method">The method.</param>
/// <param name="Samples">Nanoseconds per operation of each actual iteration (the export's Workload Result measurements).</param>
/// <param name="Mean">BenchmarkDotNet's mean, in nanoseconds.</param>
/// <param name="ErrorMargin">BenchmarkDotNet's Error: the half-width of its 99.9% interval of the mean, in nanoseconds.</param>
public sealed record MeasuredBenchmark(string Id, string Type, string Method, IReadOnlyList<double> Samples, double Mean, double? ErrorMargin);
