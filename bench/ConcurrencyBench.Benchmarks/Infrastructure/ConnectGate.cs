using System.Net.Sockets;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// Opens the HTTP client's TCP connections at most a set number at a time, so that a burst of N calls (10,000 in the
/// largest case) cannot overflow the service's listen queue. On Linux an overflowing queue does not refuse the
/// connection: the client sees it established (a SYN cookie, or an ACK the server dropped) while the server may never
/// accept it, and a request sent on it later is answered with a reset. Bounding the connects in flight keeps the
/// queue short whatever N is; the connections themselves are not limited.
/// </summary>
internal sealed class ConnectGate
{
    private readonly SemaphoreSlim _slots;

    /// <summary>Initializes a gate that lets <paramref name="maxConnectsInFlight"/> connects run at once.</summary>
    public ConnectGate(int maxConnectsInFlight)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnectsInFlight, 1);
        _slots = new SemaphoreSlim(maxConnectsInFlight, maxConnectsInFlight);
    }

    /// <summary>Runs <paramref name="connect"/> once a slot is free, and frees the slot when it ends.</summary>
    public async ValueTask<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> connect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connect);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await connect(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/> through this gate: a TCP socket with Nagle off (what the
    /// handler's own connect does) connected to the request's end point.
    /// </summary>
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RunAsync(async token =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, token).ConfigureAwait(false);
                return (Stream)new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }, cancellationToken);
    }
}
