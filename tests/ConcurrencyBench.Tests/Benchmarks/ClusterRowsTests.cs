using System.Net;
using ConcurrencyBench.Benchmarks.Infrastructure;

namespace ConcurrencyBench.Tests.Benchmarks;

public sealed class ClusterRowsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(" , ")]
    public void ParseGateways_NullOrBlank_IsNull(string? value)
    {
        Assert.Null(ClusterRows.ParseGateways(value));
    }

    [Fact]
    public void ParseGateways_IPv4AndIPv6_OneEndpointEach()
    {
        IReadOnlyList<IPEndPoint> gateways = ClusterRows.ParseGateways("127.0.0.1:1,[::1]:2")!;

        Assert.Equal([new IPEndPoint(IPAddress.Loopback, 1), new IPEndPoint(IPAddress.IPv6Loopback, 2)], gateways);
    }

    [Fact]
    public void ParseGateways_HostName_ResolvesToAnIPv4Address()
    {
        IPEndPoint gateway = Assert.Single(ClusterRows.ParseGateways("localhost:30000")!);

        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, gateway.AddressFamily);
        Assert.True(IPAddress.IsLoopback(gateway.Address));
        Assert.Equal(30000, gateway.Port);
    }

    [Theory]
    [InlineData("host-without-port")]
    [InlineData(":5")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("127.0.0.1:0")]
    [InlineData("localhost:-1")]
    [InlineData("127.0.0.1:1,nonsense")]
    [InlineData("no-such-host.invalid:30000")]
    public void ParseGateways_NotAListOfHostAndPort_IsNull(string value)
    {
        Assert.Null(ClusterRows.ParseGateways(value));
    }
}
