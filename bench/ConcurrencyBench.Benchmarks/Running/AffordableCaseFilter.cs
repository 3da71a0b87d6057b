using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using ConcurrencyBench.Benchmarks.Infrastructure;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>Skips the benchmark cases whose ideal time alone exceeds the profile's budget, and says which.</summary>
internal sealed class AffordableCaseFilter(TimeSpan budget, TextWriter log) : IFilter
{
    private readonly HashSet<string> _reported = [];

    public bool Predicate(BenchmarkCase benchmarkCase)
    {
        double? idealNs = IdealTime.FromParameters(benchmarkCase);
        if (idealNs is null || idealNs.Value <= budget.TotalNanoseconds)
        {
            return true;
        }

        string name = $"{benchmarkCase.Descriptor.Type.Name}.{benchmarkCase.Descriptor.WorkloadMethod.Name}({benchmarkCase.Parameters.DisplayInfo})";
        lock (_reported)
        {
            if (_reported.Add(name))
            {
                log.WriteLine($"skipped {name}: its ideal time alone is {idealNs.Value / 1e9:0.###} s, over the profile's budget of {budget.TotalSeconds:0.###} s a call.");
            }
        }

        return false;
    }
}
