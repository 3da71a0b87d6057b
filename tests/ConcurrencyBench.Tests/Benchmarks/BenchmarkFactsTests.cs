using System.Globalization;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Benchmarks;

// Report writes to the process's Console.Out, which in-process benchmark runs of other tests also write to.
[Collection(AloneCollection.Name)]
public sealed class BenchmarkFactsTests
{
    [Fact]
    public void Report_WithClusterFacts_FindReadsThemBack()
    {
        var cluster = new ClusterFacts(2, 1234.5, [10, 12], Existing: false);

        BenchmarkFacts facts = Assert.IsType<BenchmarkFacts>(BenchmarkFacts.Find(Reported(cluster)));

        Assert.Equal(1, facts.CheckedCalls);
        ClusterFacts read = Assert.IsType<ClusterFacts>(facts.Cluster);
        Assert.Equal(2, read.Silos);
        Assert.Equal(1234.5, read.TimeToReadyMilliseconds);
        Assert.Equal([10L, 12L], read.ItemsPerSilo);
        Assert.False(read.Existing);
    }

    [Fact]
    public void Report_OfAnExistingCluster_FindReadsExisting()
    {
        var cluster = new ClusterFacts(3, 7, [1, 2, 3], Existing: true);

        ClusterFacts read = Assert.IsType<ClusterFacts>(BenchmarkFacts.Find(Reported(cluster))!.Cluster);

        Assert.True(read.Existing);
        Assert.Equal(3, read.Silos);
        Assert.Equal([1L, 2L, 3L], read.ItemsPerSilo);
    }

    [Fact]
    public void Report_WithoutClusterFacts_FindGivesNoCluster()
    {
        string[] output = Reported(cluster: null);

        BenchmarkFacts facts = Assert.IsType<BenchmarkFacts>(BenchmarkFacts.Find(output));

        Assert.Null(facts.Cluster);
        Assert.DoesNotContain(output, l => l.Contains("cluster", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Report_UnderACultureWithADecimalComma_WritesAndReadsADecimalPoint()
    {
        // The test process runs with invariant globalization (no de-DE): a clone of the invariant culture with
        // de-DE's separators stands in for it.
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        CultureInfo original = CultureInfo.CurrentCulture;
        string[] output;
        BenchmarkFacts? facts;
        CultureInfo.CurrentCulture = comma;
        try
        {
            output = Reported(new ClusterFacts(2, 1234.5, [1000, 2000], Existing: false));
            facts = BenchmarkFacts.Find(output);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }

        string line = Assert.Single(output);
        Assert.Contains("clusterReadyMs=1234.5 ", line);
        Assert.Contains("itemsPerSilo=1000/2000 ", line);
        Assert.Equal(1234.5, facts!.Cluster!.TimeToReadyMilliseconds);
        Assert.Equal([1000L, 2000L], facts.Cluster.ItemsPerSilo);
    }

    [Fact]
    public void Find_NoFactsLine_IsNull()
    {
        Assert.Null(BenchmarkFacts.Find(["// some other line", "OverheadJitting  1: 1 op"]));
    }

    // The lines BenchmarkFacts.Report writes for one checked call and these cluster facts.
    private static string[] Reported(ClusterFacts? cluster)
    {
        var check = new AnswerCheck("Test.Row()");
        check.Call(1, 1);
        TextWriter original = Console.Out;
        using var captured = new StringWriter(CultureInfo.InvariantCulture);
        Console.SetOut(captured);
        try
        {
            BenchmarkFacts.Report(check, cluster: cluster);
        }
        finally
        {
            Console.SetOut(original);
        }

        return captured.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
