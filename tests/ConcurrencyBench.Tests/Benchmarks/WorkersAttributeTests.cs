using System.Reflection;
using ConcurrencyBench.Benchmarks;
using ConcurrencyBench.Benchmarks.Infrastructure;

namespace ConcurrencyBench.Tests.Benchmarks;

public sealed class WorkersAttributeTests
{
    [Fact]
    public void Ctor_Count_IsAFixedBoundRecordedAsTheCount()
    {
        var workers = new WorkersAttribute(2);

        Assert.Equal(WorkerBound.Fixed, workers.Bound);
        Assert.Equal(2, workers.Count);
        Assert.Equal("2", workers.RecordValue);
    }

    [Theory]
    [InlineData(WorkerBound.One, "One")]
    [InlineData(WorkerBound.PerItem, "PerItem")]
    [InlineData(WorkerBound.K, "K")]
    public void Ctor_Bound_IsRecordedByItsName(WorkerBound bound, string recorded)
    {
        var workers = new WorkersAttribute(bound);

        Assert.Equal(bound, workers.Bound);
        Assert.Equal(0, workers.Count);
        Assert.Equal(recorded, workers.RecordValue);
    }

    [Fact]
    public void Ctor_FixedBoundWithoutItsCount_Throws()
    {
        Assert.Throws<ArgumentException>("bound", () => new WorkersAttribute(WorkerBound.Fixed));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Ctor_CountBelowOne_Throws(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>("count", () => new WorkersAttribute(count));
    }

    [Theory]
    [InlineData(nameof(PrimeChecks.ClusterOneWorkerPerSilo_1Silo), "1")]
    [InlineData(nameof(PrimeChecks.ClusterOneWorkerPerSilo_2Silos), "2")]
    public void OneWorkerPerSiloRows_RecordOneWorkerPerSilo(string method, string recorded)
    {
        WorkersAttribute workers = typeof(PrimeChecks).GetMethod(method)!.GetCustomAttribute<WorkersAttribute>()!;

        Assert.Equal(recorded, workers.RecordValue);
    }
}
