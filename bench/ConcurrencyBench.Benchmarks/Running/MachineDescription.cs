using BenchmarkDotNet.Reports;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>One line that names the machine a run measured: CPU, cores, OS, runtime.</summary>
internal static class MachineDescription
{
    public static string Of(Summary summary)
    {
        var host = summary.HostEnvironmentInfo;
        var cpu = host.Cpu.Value;
        int cores = cpu?.LogicalCoreCount ?? Environment.ProcessorCount;
        return $"{cpu?.ProcessorName ?? "unknown CPU"}, {cores} logical cores, {host.Os.Value?.GetDisplay() ?? Environment.OSVersion.ToString()}, .NET {host.RuntimeVersion}";
    }
}
