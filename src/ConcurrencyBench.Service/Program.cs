using System.Net;
using ConcurrencyBench.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// The dashboard's slow API: GET /api/{index}?latencyMs=50&bytes=0 waits latencyMs (without holding a thread), then
// answers "data-{index}", padded to `bytes` when that is longer. Loopback only, on a port the system picks; the
// address is the first line on standard output. The service ends when its standard input closes, so it cannot
// outlive the benchmark that started it.
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();

// A listen queue as long as the system allows (net.core.somaxconn caps it), against bursts of connects; the client
// also bounds its connects in flight (ConnectGate), since an overflowing queue resets connections later, not at once.
builder.WebHost.UseSockets(sockets => sockets.Backlog = 4096);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Loopback, 0);
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxConcurrentConnections = null;
    kestrel.Limits.MaxConcurrentUpgradedConnections = null;
    // Idle keep-alive connections stay open longer than the client's pool keeps them (10 min), so that the server
    // never closes a connection the client may still pick for its next request.
    kestrel.Limits.KeepAliveTimeout = TimeSpan.FromHours(1);
});

WebApplication app = builder.Build();
app.MapGet("/api/{index:int}", async (int index, int? latencyMs, int? bytes, CancellationToken cancellationToken) =>
{
    if (index < 0 || latencyMs is < 0 or > 60_000 || bytes is < 0 or > 16 << 20)
    {
        return Results.BadRequest("index >= 0, 0 <= latencyMs <= 60000, 0 <= bytes <= 16 MiB");
    }

    if (latencyMs > 0)
    {
        await Task.Delay(latencyMs.Value, cancellationToken).ConfigureAwait(false);
    }

    return Results.Text(ApiResponse.Body(index, bytes ?? 0));
});

await app.StartAsync().ConfigureAwait(false);
string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.Out.WriteLine(address);
Console.Out.Flush();

// The parent's pipe closing (it exited, was killed, or disposed us) ends the service.
_ = Task.Run(async () =>
{
    using var input = new StreamReader(Console.OpenStandardInput());
    while (await input.ReadLineAsync().ConfigureAwait(false) is not null)
    {
    }

    await app.StopAsync().ConfigureAwait(false);
});
await app.WaitForShutdownAsync().ConfigureAwait(false);
