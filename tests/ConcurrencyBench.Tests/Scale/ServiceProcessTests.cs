using System.Net;
using System.Net.Sockets;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Scale;

/// <summary>The loopback HTTP service and the HTTP workload over it.</summary>
public sealed class ServiceProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_ListensOnLoopbackOnly_AndAnswersTheApi()
    {
        await using ServiceProcess service = await ServiceProcess.StartAsync(StartTimeout);
        using var client = new HttpClient();

        Assert.True(service.Address.IsLoopback);
        Assert.Equal(IPAddress.Loopback, IPAddress.Parse(service.Address.Host));
        Assert.Equal("data-7", await client.GetStringAsync(new Uri(service.Address, "api/7?latencyMs=0")));
        Assert.Equal("data-7....", await client.GetStringAsync(new Uri(service.Address, "api/7?latencyMs=0&bytes=10")));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(new Uri(service.Address, "api/7?latencyMs=-1"))).StatusCode);
    }

    [Fact]
    public async Task Dispose_EndsTheProcessAndFreesItsPort()
    {
        ServiceProcess service = await ServiceProcess.StartAsync(StartTimeout);
        int pid = service.ProcessId;
        int port = service.Address.Port;

        await service.DisposeAsync();

        Assert.False(ProcessAlive(pid));
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start(); // throws when the port is still taken
        listener.Stop();
    }

    [Fact]
    public async Task EveryInProcessStrategy_OverHttp_GivesSequentialsAnswers()
    {
        await using ServiceProcess service = await ServiceProcess.StartAsync(StartTimeout);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = int.MaxValue });
        var workload = new HttpAggregationWorkload(client, service.Address, 24, TimeSpan.FromMilliseconds(5));
        string[] expected = await ConcurrencyStrategies.Sequential.RunAsync(workload);

        foreach (IConcurrencyStrategy strategy in InProcessStrategies())
        {
            Assert.Equal(expected, await strategy.RunAsync(workload));
        }

        Assert.Equal(Enumerable.Range(0, 24).Select(ApiAggregationWorkload.ExpectedResult), expected);
    }

    [Fact]
    public void Workload_RefusesAnAddressThatIsNotLoopback()
    {
        using var client = new HttpClient();
        Assert.Throws<ArgumentException>(() => new HttpAggregationWorkload(client, new Uri("http://192.0.2.1:80/"), 1, TimeSpan.Zero));
    }

    internal static IEnumerable<IConcurrencyStrategy> InProcessStrategies() =>
    [
        ConcurrencyStrategies.ThreadPerItem,
        ConcurrencyStrategies.FixedThreads(4),
        ConcurrencyStrategies.TaskWhenAll,
        ConcurrencyStrategies.TaskRunPerItem,
        ConcurrencyStrategies.ParallelForEach(4),
        ConcurrencyStrategies.ParallelForEachAsync(4),
        ConcurrencyStrategies.Plinq(4),
    ];

    private static bool ProcessAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
