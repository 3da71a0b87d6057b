using System.Net.Sockets;
using System.Text;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Ipc;

/// <summary>
/// Payloads through a Unix domain socket: the parent listens in a private folder (0700, unguessable name) on a
/// socket file (0600), the worker connects, and the file and folder are removed as soon as it has (or the set-up
/// fails; it is bounded to 30 s). A parent killed in that window leaves its folder, which the next private folder
/// made in the temp folder removes, its creator being dead. The protocol on the socket is the worker protocol.
/// </summary>
public sealed class UnixSocketTransport : ProtocolTransport
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(30);

    private readonly NetworkStream _stream;
    private readonly WorkerConnection _connection;

    private UnixSocketTransport(NetworkStream stream, WorkerConnection connection, int maxPayloadBytes)
        : base(maxPayloadBytes)
    {
        _stream = stream;
        _connection = connection;
    }

    /// <inheritdoc />
    public override string Name => "unix-socket";

    /// <summary>Gets the path the socket had while the worker connected (it no longer exists).</summary>
    public string? FormerPath { get; private init; }

    private protected override WorkerConnection Connection => _connection;

    /// <summary>Opens a socket to <paramref name="worker"/>.</summary>
    /// <param name="worker">A started worker.</param>
    /// <param name="maxPayloadBytes">The largest payload accepted.</param>
    /// <param name="cancellationToken">Stops the connection; the endpoint is removed.</param>
    public static Task<UnixSocketTransport> ConnectAsync(WorkerProcess worker, int maxPayloadBytes = 64 << 20, CancellationToken cancellationToken = default) =>
        ConnectAsync(worker, maxPayloadBytes, SetupTimeout, cancellationToken);

    /// <summary>
    /// Opens a socket to <paramref name="worker"/>, with a set-up bound of <paramref name="setupTimeout"/> and the
    /// private folder made in <paramref name="endpointParent"/> (the temp folder when null): for tests.
    /// </summary>
    internal static async Task<UnixSocketTransport> ConnectAsync(WorkerProcess worker, int maxPayloadBytes, TimeSpan setupTimeout, CancellationToken cancellationToken, string? endpointParent = null)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(setupTimeout, TimeSpan.Zero);
        using var folder = PrivateFolder.Create(endpointParent);
        string path = folder.Entry("s");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        listener.Listen(1);
        // The whole set-up is bounded: a worker that is stopped or hung cannot make it wait forever.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(setupTimeout);
        Task<Socket> accepted = listener.AcceptAsync(deadline.Token).AsTask();
        Socket socket;
        try
        {
            await worker.RequestAsync(IpcHandlers.ConnectSocket, w => Encoding.UTF8.GetBytes(path, w), deadline.Token).ConfigureAwait(false);
            socket = await accepted.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Stop listening, and close whatever connection did arrive.
            listener.Dispose();
            await ((Task)accepted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (accepted.IsCompletedSuccessfully)
            {
                accepted.Result.Dispose();
            }

            throw ex is OperationCanceledException && !cancellationToken.IsCancellationRequested
                ? new WorkerExitedException($"the worker (pid {worker.ProcessId}) did not connect to its socket within {setupTimeout.TotalSeconds:0} s.")
                : ex;
        }

        var stream = new NetworkStream(socket, ownsSocket: true);
        var connection = new WorkerConnection(stream, stream, maxPayloadBytes + 1024, $"the socket to the {worker.Launch.Flavor} worker (pid {worker.ProcessId})",
            () => Task.FromResult<Exception>(new WorkerExitedException($"the socket to the worker (pid {worker.ProcessId}) closed.")), worker.Kill);
        try
        {
            await connection.HandshakeAsync(Processes.Protocol.WireFormat.Version, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new UnixSocketTransport(stream, connection, maxPayloadBytes) { FormerPath = path };
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
