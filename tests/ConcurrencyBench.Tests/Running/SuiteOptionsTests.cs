using System.Net;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Benchmarks.Running;

namespace ConcurrencyBench.Tests.Running;

public sealed class SuiteOptionsTests
{
    [Fact]
    public void Parse_ClusterGatewaysWithIds_ParsesEveryGatewayAndBothIds()
    {
        SuiteOptions options = SuiteOptions.Parse(["--cluster-gateways", "127.0.0.1:30000,localhost:30001", "--cluster-id", "x", "--service-id", "y"]);

        ExistingCluster cluster = Assert.IsType<ExistingCluster>(options.Cluster);
        Assert.Equal(2, cluster.Gateways.Count);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 30000), cluster.Gateways[0]);
        Assert.Equal(30001, cluster.Gateways[1].Port);
        Assert.True(IPAddress.IsLoopback(cluster.Gateways[1].Address));
        Assert.Equal("x", cluster.ClusterId);
        Assert.Equal("y", cluster.ServiceId);
    }

    [Fact]
    public void Parse_ClusterOptions_AreTakenOutOfBenchmarkDotNetArgs()
    {
        SuiteOptions options = SuiteOptions.Parse(["--filter", "*Cluster*", "--cluster-gateways=127.0.0.1:30000", "--cluster-id", "x", "--service-id=y", "-j", "dry"]);

        Assert.Equal(["--filter", "*Cluster*", "-j", "dry"], options.BenchmarkDotNetArgs);
        Assert.Equal("x", options.Cluster!.ClusterId);
        Assert.Equal("y", options.Cluster.ServiceId);
    }

    [Fact]
    public void Parse_ClusterGatewaysWithoutIds_UsesTheDefaultIds()
    {
        ExistingCluster cluster = SuiteOptions.Parse(["--cluster-gateways", "127.0.0.1:30000"]).Cluster!;

        Assert.Equal("concurrencybench", cluster.ClusterId);
        Assert.Equal("concurrencybench", cluster.ServiceId);
    }

    [Fact]
    public void Parse_NoClusterGateways_ClusterIsNull()
    {
        Assert.Null(SuiteOptions.Parse(["--filter", "*Prime*"]).Cluster);
        Assert.Null(SuiteOptions.Parse(["--cluster-id", "x"]).Cluster);
    }

    [Theory]
    [InlineData("--cluster-gateways", "nonsense")]
    [InlineData("--cluster-gateways", "1.2.3.4:0")]
    [InlineData("--cluster-gateways", "127.0.0.1:30000,nonsense")]
    [InlineData("--cluster-gateways", "no-such-host.invalid:30000")]
    [InlineData("--cluster-gateways")]
    [InlineData("--cluster-gateways", "--filter", "*")]
    [InlineData("--cluster-gateways=")]
    public void Parse_BadClusterGateways_ThrowsUsageNamingTheOption(params string[] args)
    {
        var ex = Assert.Throws<UsageException>(() => SuiteOptions.Parse(args));

        Assert.Contains("--cluster-gateways", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("--cluster-id")]
    [InlineData("--service-id")]
    public void Parse_ClusterIdWithoutValue_ThrowsUsageNamingTheOption(string option)
    {
        var ex = Assert.Throws<UsageException>(() => SuiteOptions.Parse(["--cluster-gateways", "127.0.0.1:30000", option]));

        Assert.Contains(option, ex.Message);
    }
}
