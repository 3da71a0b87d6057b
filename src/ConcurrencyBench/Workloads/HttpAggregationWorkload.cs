using System.Globalization;
using System.Net;

namespace ConcurrencyBench.Workloads;

/// <summary>
/// I/O-bound work over a real socket: a dashboard aggregates <see cref="Count"/> calls to an HTTP API on this machine
/// (the suite's loopback service), each of which waits <see cref="Latency"/> on the server and answers
/// <c>"data-{i}"</c>. Blocking calls use <see cref="HttpClient.Send(HttpRequestMessage, HttpCompletionOption, CancellationToken)"/>,
/// asynchronous ones <see cref="HttpClient.SendAsync(HttpRequestMessage, HttpCompletionOption, CancellationToken)"/>;
/// both over HTTP/1.1 (blocking sends do not support HTTP/2), one connection per call in flight.
/// </summary>
public sealed class HttpAggregationWorkload : IWorkload<string>
{
    private readonly HttpClient _client;
    private readonly Uri _baseAddress;

    /// <summary>Creates the workload.</summary>
    /// <param name="client">The shared client (its handler keeps the pooled connections).</param>
    /// <param name="baseAddress">The service's address, for example http://127.0.0.1:40123/.</param>
    /// <param name="count">The number of calls.</param>
    /// <param name="latency">The latency the server waits before it answers.</param>
    /// <param name="responseBytes">The size of each answer (0: just "data-{i}").</param>
    public HttpAggregationWorkload(HttpClient client, Uri baseAddress, int count, TimeSpan latency, int responseBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero, nameof(latency));
        ArgumentOutOfRangeException.ThrowIfNegative(responseBytes);
        if (!baseAddress.IsLoopback)
        {
            throw new ArgumentException("the dashboard's service runs on this machine: give a loopback address.", nameof(baseAddress));
        }

        _client = client;
        _baseAddress = baseAddress;
        Count = count;
        Latency = latency;
        ResponseBytes = responseBytes;
    }

    /// <inheritdoc />
    public string Id => "http-aggregation";

    /// <inheritdoc />
    public int Count { get; }

    /// <summary>Gets the latency the server waits before each answer.</summary>
    public TimeSpan Latency { get; }

    /// <summary>Gets the size of each answer.</summary>
    public int ResponseBytes { get; }

    /// <summary>The HTTP version every call uses.</summary>
    public static Version HttpVersion => System.Net.HttpVersion.Version11;

    /// <inheritdoc />
    public string Execute(int index, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = Request(index);
        using HttpResponseMessage response = _client.Send(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(response.Content.ReadAsStream(cancellationToken));
        return reader.ReadToEnd();
    }

    /// <inheritdoc />
    public async ValueTask<string> ExecuteAsync(int index, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = Request(index);
        using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    private HttpRequestMessage Request(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        var uri = new Uri(_baseAddress, string.Create(CultureInfo.InvariantCulture, $"api/{index}?latencyMs={(int)Latency.TotalMilliseconds}&bytes={ResponseBytes}"));
        return new HttpRequestMessage(HttpMethod.Get, uri) { Version = HttpVersion, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
    }
}
