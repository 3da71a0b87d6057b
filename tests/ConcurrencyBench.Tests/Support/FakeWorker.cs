using System.Buffers;
using System.IO.Pipes;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Processes.Protocol;

namespace ConcurrencyBench.Tests.Support;

/// <summary>
/// A worker played by the test, in process: the parent's <see cref="WorkerConnection"/> talks to it through a pair of
/// pipes, and the test reads the parent's frames and writes whatever frames it likes back (a hostile worker).
/// </summary>
internal sealed class FakeWorker : IAsyncDisposable
{
    private readonly AnonymousPipeServerStream _toWorker = new(PipeDirection.Out);
    private readonly AnonymousPipeClientStream _workerInput;
    private readonly AnonymousPipeServerStream _fromWorker = new(PipeDirection.In);
    private readonly AnonymousPipeClientStream _workerOutput;
    private readonly FrameReader _reader;
    private readonly bool _diesWhenKilled;
    private int _kills;

    private FakeWorker(int maxFrameSize, bool diesWhenKilled, bool blockingReads)
    {
        _workerInput = new AnonymousPipeClientStream(PipeDirection.In, _toWorker.ClientSafePipeHandle);
        _workerOutput = new AnonymousPipeClientStream(PipeDirection.Out, _fromWorker.ClientSafePipeHandle);
        _reader = new FrameReader(_workerInput, 1 << 20);
        _diesWhenKilled = diesWhenKilled;
        Connection = new WorkerConnection(
            _toWorker, _fromWorker, maxFrameSize, "the fake worker", () => Task.FromResult<Exception>(new WorkerExitedException("the fake worker closed its output.")),
            Kill,
            blockingReads);
    }

    /// <summary>Gets the parent's side of the conversation.</summary>
    public WorkerConnection Connection { get; }

    /// <summary>Gets how many times the parent wanted this worker killed (for breaking the protocol, or to end a frame
    /// that cannot be left half done).</summary>
    public int Kills => Volatile.Read(ref _kills);

    /// <summary>Creates the pair and completes the handshake as a well-behaved worker would.</summary>
    /// <param name="maxFrameSize">The largest frame body the parent accepts.</param>
    /// <param name="diesWhenKilled">Whether the parent's kill closes this worker's output, as killing a real worker
    /// does (otherwise it is only counted, and the test goes on writing as it likes).</param>
    /// <param name="blockingReads">Whether the parent reads with blocking calls, as it does a real worker's pipes
    /// (and then may read an answer on its caller's thread).</param>
    public static async Task<FakeWorker> StartAsync(int maxFrameSize = 4 << 20, bool diesWhenKilled = false, bool blockingReads = false)
    {
        var worker = new FakeWorker(maxFrameSize, diesWhenKilled, blockingReads);
        Task<(int Pid, bool Aot)> handshake = worker.Connection.HandshakeAsync(WireFormat.Version, TimeSpan.FromSeconds(30), CancellationToken.None);
        (FrameType type, _) = await worker.ReadFrameAsync();
        Assert.Equal(FrameType.Hello, type);
        await worker.SendAsync(Frame(w => WireFormat.WriteHelloOk(w, 4242, isNativeAot: false)));
        await handshake;
        return worker;
    }

    /// <summary>Reads the parent's next frame.</summary>
    public async Task<(FrameType Type, byte[] Body)> ReadFrameAsync()
    {
        (FrameType Type, int Length)? header = await _reader.ReadHeaderAsync();
        Assert.NotNull(header);
        return (header.Value.Type, await _reader.ReadRestAsync());
    }

    /// <summary>Reads the parent's next request and returns its id.</summary>
    public async Task<long> ReadRequestIdAsync()
    {
        (FrameType type, byte[] body) = await ReadFrameAsync();
        Assert.Equal(FrameType.Request, type);
        return WireFormat.ReadRequest(new ReadOnlySequence<byte>(body)).RequestId;
    }

    /// <summary>Writes raw bytes to the parent, as if they were frames.</summary>
    public async Task SendAsync(byte[] bytes)
    {
        await _workerOutput.WriteAsync(bytes);
        await _workerOutput.FlushAsync();
    }

    /// <summary>Closes the worker's output: the parent sees the worker go.</summary>
    public ValueTask CloseOutputAsync() => _workerOutput.DisposeAsync();

    /// <summary>The bytes of the frames <paramref name="write"/> writes.</summary>
    public static byte[] Frame(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A response frame: the request's id, then <paramref name="payload"/>.</summary>
    public static byte[] Response(long id, byte[] payload) => Frame(w =>
    {
        WireFormat.WriteResponseHeader(w, id, payload.Length);
        w.Write(payload);
    });

    /// <summary>A frame of any type and body, with a length that tells the truth.</summary>
    public static byte[] RawFrame(FrameType type, byte[] body) => Frame(w =>
    {
        WireFormat.WriteHeader(w, type, body.Length);
        w.Write(body);
    });

    private void Kill()
    {
        Interlocked.Increment(ref _kills);
        if (_diesWhenKilled)
        {
            _workerOutput.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _workerOutput.DisposeAsync();
        await Connection.DisposeAsync();
        await _workerInput.DisposeAsync();
        await _fromWorker.DisposeAsync();
    }
}
