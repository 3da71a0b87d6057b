using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// What moving a payload to another process costs, by transport and size: an echo through the worker's pipes and
/// through a Unix domain socket, a hand-off through shared memory (written once; only offset and length cross, rung
/// through the region's doorbell or, for comparison, sent through the pipe), and, as the floor, an in-process copy of
/// the same bytes. Read the GB/s column.
/// </summary>
[BenchmarkCategory(Categories.DataMovement)]
public class IpcPayloadSweep
{
    private byte[] _payload = [];
    private byte[] _reply = [];
    private WorkerProcess? _worker;
    private IPayloadTransport? _transport;
    private ulong _lastDigest;
    private string _last = "";

    /// <summary>The payload size: 1 KiB, 64 KiB, 1 MiB, 16 MiB, 64 MiB.</summary>
    [Params(1 << 10, 1 << 16, 1 << 20, 1 << 24, 1 << 26)]
    public int PayloadBytes { get; set; }

    /// <summary>Makes the payload (fixed seed) and the reply buffer.</summary>
    [GlobalSetup(Targets = [nameof(InProcessCopy), nameof(InProcessStreamingCopy)])]
    public void CreatePayload()
    {
        _payload = new byte[PayloadBytes];
        Checksum.Fill(_payload);
        _reply = new byte[PayloadBytes];
    }

    /// <summary>Also starts a worker and opens a pipe transport to it.</summary>
    [GlobalSetup(Target = nameof(PipeEcho))]
    public void OpenPipe() => Open(TransportKind.Pipe);

    /// <summary>Also starts a worker and opens a socket transport to it.</summary>
    [GlobalSetup(Target = nameof(UnixSocketEcho))]
    public void OpenSocket() => Open(TransportKind.UnixSocket);

    /// <summary>Also starts a worker and maps a shared region with it.</summary>
    [GlobalSetup(Target = nameof(SharedMemoryHandOff))]
    public void OpenSharedMemory() => Open(TransportKind.SharedMemory);

    /// <summary>Also starts a worker and maps a shared region with it, signalled through the pipe.</summary>
    [GlobalSetup(Target = nameof(SharedMemoryPipeSignal))]
    public void OpenSharedMemoryPipeSignal()
    {
        CreatePayload();
        _worker = StartWorker();
        _transport = SharedMemoryTransport.CreateAsync(_worker, PayloadBytes, SharedMemorySignal.Pipe).GetAwaiter().GetResult();
    }

    /// <summary>Checks the last answer against the payload, then ends the worker and removes the endpoint.</summary>
    [GlobalCleanup]
    public void CheckAndClose()
    {
        try
        {
            bool handOff = _last is nameof(SharedMemoryHandOff) or nameof(SharedMemoryPipeSignal);
            ulong expected = handOff ? Checksum.Sample(_payload) : Checksum.Compute(_payload, 1);
            ulong actual = handOff ? _lastDigest : Checksum.Compute(_reply, 1);
            ResultCheck.ThrowIfWrong($"{nameof(IpcPayloadSweep)}.{_last}", [expected], [actual]);
        }
        finally
        {
            _transport?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _worker?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Span.CopyTo of the payload into another buffer: the memory bandwidth this machine allows.</summary>
    [Benchmark(Baseline = true), BytesMoved(1)]
    public int InProcessCopy()
    {
        _payload.AsSpan().CopyTo(_reply);
        _last = nameof(InProcessCopy);
        return _reply[^1];
    }

    /// <summary>The same copy with streaming (non-temporal) stores, as the shared-memory hand-off writes payloads of
    /// <see cref="StreamingCopy.Threshold"/> bytes and more: the floor to compare that hand-off with, like for like.</summary>
    [Benchmark, BytesMoved(1)]
    public int InProcessStreamingCopy()
    {
        StreamingCopy.CopyNonTemporal(_payload, _reply);
        _last = nameof(InProcessStreamingCopy);
        return _reply[^1];
    }

    /// <summary>The payload to the worker and back through its standard input and output.</summary>
    [Benchmark, BytesMoved(2)]
    public async Task<int> PipeEcho()
    {
        await ((IEchoTransport)_transport!).EchoAsync(_payload, _reply).ConfigureAwait(false);
        _last = nameof(PipeEcho);
        return _reply[^1];
    }

    /// <summary>The payload to the worker and back through a Unix domain socket.</summary>
    [Benchmark, BytesMoved(2)]
    public async Task<int> UnixSocketEcho()
    {
        await ((IEchoTransport)_transport!).EchoAsync(_payload, _reply).ConfigureAwait(false);
        _last = nameof(UnixSocketEcho);
        return _reply[^1];
    }

    /// <summary>The payload written once into shared memory; offset and length to the worker through the region's
    /// doorbell, an 8-byte digest back the same way.</summary>
    [Benchmark, BytesMoved(1)]
    public async Task<ulong> SharedMemoryHandOff()
    {
        _lastDigest = await _transport!.ChecksumAsync(_payload, passes: 0).ConfigureAwait(false);
        _last = nameof(SharedMemoryHandOff);
        return _lastDigest;
    }

    /// <summary>The same hand-off with offset and length sent through the worker's pipe, and the digest back through
    /// it: the difference with <see cref="SharedMemoryHandOff"/> is the cost of two wake-ups.</summary>
    [Benchmark, BytesMoved(1)]
    public async Task<ulong> SharedMemoryPipeSignal()
    {
        _lastDigest = await _transport!.ChecksumAsync(_payload, passes: 0).ConfigureAwait(false);
        _last = nameof(SharedMemoryPipeSignal);
        return _lastDigest;
    }

    private void Open(TransportKind kind)
    {
        CreatePayload();
        _worker = StartWorker();
        _transport = TransportPool.OpenAsync(kind, _worker, PayloadBytes).GetAwaiter().GetResult();
    }

    private WorkerProcess StartWorker() =>
        WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30), PayloadBytes + 4096).GetAwaiter().GetResult();
}
