using BenchmarkDotNet.Running;
using ConcurrencyBench.Benchmarks;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Benchmarks.Running;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Benchmarks;

public sealed class TaskGranularityTests
{
    private static readonly BenchmarkCase[] Cases = BenchmarkConverter.TypeToBenchmarks(typeof(TaskGranularity)).BenchmarksCases;

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 1)]
    [InlineData(1, 100_000)]
    public void ReferenceKernel_AgreesWithTheWorkload(int index, long rounds)
    {
        Assert.Equal(GranularKernelWorkload.Compute(index, rounds), ReferenceKernel.Item(index, rounds));
    }

    [Fact]
    public void ReferenceKernel_DependsOnTheIndexAndTheRounds()
    {
        Assert.NotEqual(ReferenceKernel.Item(0, 10), ReferenceKernel.Item(1, 10));
        Assert.NotEqual(ReferenceKernel.Item(0, 10), ReferenceKernel.Item(0, 11));
    }

    [Fact]
    public void CaseFilter_PredictsPerItemOverheads_AndSkipsWhatIsOverTheBudget()
    {
        // 2^26 rounds in items of 256 rounds: 262,144 thread starts of about 100 µs are over any budget.
        string? threads = AffordableCaseFilter.ReasonToSkip(Case(nameof(TaskGranularity.ThreadPerItem), 1 << 8), Profile.Full);
        Assert.NotNull(threads);
        Assert.Contains("262,144 thread starts", threads);
        Assert.Contains("full profile's budget", threads);

        // 16,384 process starts of 5 ms are over the full budget; 16 are not.
        Assert.Contains("worker process starts", AffordableCaseFilter.ReasonToSkip(Case(nameof(TaskGranularity.ProcessPerItem), 1 << 14), Profile.Full));
        Assert.Null(AffordableCaseFilter.ReasonToSkip(Case(nameof(TaskGranularity.ProcessPerItem), 1 << 22), Profile.Full));

        // What costs little per item runs at every size in the full profile.
        Assert.All(Cases.Where(c => c.Descriptor.WorkloadMethod.Name is nameof(TaskGranularity.ParallelForRanges_Sized) or nameof(TaskGranularity.Sequential)),
            c => Assert.Null(AffordableCaseFilter.ReasonToSkip(c, Profile.Full)));
    }

    [Fact]
    public void QuickProfile_MeasuresEveryEighthSize_ForItsRows()
    {
        int[] quickSizes = [.. Cases
            .Where(c => c.Descriptor.WorkloadMethod.Name == nameof(TaskGranularity.ParallelForEach) && AffordableCaseFilter.ReasonToSkip(c, Profile.Quick) is null)
            .Select(c => (int)c.Parameters["RoundsPerItem"]).Order()];

        Assert.Equal([1 << 8, 1 << 14, 1 << 20], quickSizes);
    }

    private static BenchmarkCase Case(string method, int roundsPerItem) =>
        Cases.Single(c => c.Descriptor.WorkloadMethod.Name == method && (int)c.Parameters["RoundsPerItem"] == roundsPerItem);
}
