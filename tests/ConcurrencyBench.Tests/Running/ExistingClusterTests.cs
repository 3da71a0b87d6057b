using System.Net;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Benchmarks.Running;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Running;

// Export sets variables of the whole test process, which the cluster rows read.
[Collection(AloneCollection.Name)]
public sealed class ExistingClusterTests
{
    [Fact]
    public void Export_SetsTheThreeClusterVariables()
    {
        string[] names = [ClusterRows.GatewaysVariable, ClusterRows.ClusterIdVariable, ClusterRows.ServiceIdVariable];
        string?[] saved = [.. names.Select(Environment.GetEnvironmentVariable)];
        try
        {
            new ExistingCluster([new IPEndPoint(IPAddress.Loopback, 30000), new IPEndPoint(IPAddress.Parse("10.0.0.6"), 30001)], "x", "y").Export();

            Assert.Equal("127.0.0.1:30000,10.0.0.6:30001", Environment.GetEnvironmentVariable("CONCURRENCYBENCH_CLUSTER_GATEWAYS"));
            Assert.Equal("x", Environment.GetEnvironmentVariable("CONCURRENCYBENCH_CLUSTER_ID"));
            Assert.Equal("y", Environment.GetEnvironmentVariable("CONCURRENCYBENCH_CLUSTER_SERVICE_ID"));
            Assert.Equal(2, ClusterRows.ParseGateways(Environment.GetEnvironmentVariable(ClusterRows.GatewaysVariable))!.Count);
        }
        finally
        {
            for (int i = 0; i < names.Length; i++)
            {
                Environment.SetEnvironmentVariable(names[i], saved[i]);
            }
        }
    }
}
