using System.Reflection;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>The ideal time of a benchmark case: what perfect concurrency would take on this machine.</summary>
internal static class IdealTime
{
    /// <summary>The ideal time from the parameters alone (latency model), in nanoseconds; null when the model needs measurements.</summary>
    public static double? FromParameters(BenchmarkCase benchmarkCase)
    {
        if (ModelOf(benchmarkCase) != IdealTimeModel.Latency)
        {
            return null;
        }

        int n = Parameter(benchmarkCase, "N");
        double latencyNs = Parameter(benchmarkCase, "LatencyMs") * 1e6;
        int workers = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<WorkersAttribute>()?.Bound switch
        {
            WorkerBound.One => 1,
            WorkerBound.K => Parameter(benchmarkCase, "K"),
            _ => n,
        };
        if (n == 0)
        {
            return 0;
        }

        return Math.Ceiling(n / (double)Math.Max(1, workers)) * latencyNs;
    }

    /// <summary>The ideal time of the case in nanoseconds, using the summary where the model needs the baseline.</summary>
    public static double? Of(Summary summary, BenchmarkCase benchmarkCase)
    {
        if (ModelOf(benchmarkCase) != IdealTimeModel.BaselineOverCores)
        {
            return FromParameters(benchmarkCase);
        }

        double? baselineMean = BaselineMean(summary, benchmarkCase);
        int cores = summary.HostEnvironmentInfo.Cpu.Value?.LogicalCoreCount ?? Environment.ProcessorCount;
        return baselineMean / Math.Max(1, cores);
    }

    /// <summary>The mean time of the baseline of the case's group, in nanoseconds; null when it was not measured.</summary>
    public static double? BaselineMean(Summary summary, BenchmarkCase benchmarkCase)
    {
        BenchmarkCase? baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        return baseline is null ? null : Mean(summary, baseline);
    }

    /// <summary>The mean time of the case in nanoseconds; null when it was not measured.</summary>
    public static double? Mean(Summary summary, BenchmarkCase benchmarkCase) =>
        summary.HasReport(benchmarkCase) ? summary[benchmarkCase]?.ResultStatistics?.Mean : null;

    private static IdealTimeModel? ModelOf(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.Type.GetCustomAttribute<IdealTimeAttribute>(inherit: true)?.Model;

    private static int Parameter(BenchmarkCase benchmarkCase, string name) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value is int value
            ? value
            : throw new InvalidOperationException($"{benchmarkCase.Descriptor.Type.Name} uses the latency ideal-time model but has no int parameter '{name}'.");
}
