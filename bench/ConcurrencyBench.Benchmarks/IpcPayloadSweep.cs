using System.Globalization;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// What moving a payload to another process costs, by transport and size. The one-way rows do the same work on
/// every transport: the payload delivered to the worker and every byte of it read there (one checksum pass), 8 bytes
/// back; their floor is an in-process copy plus the same checksum. The echo rows send the payload there and back
/// through the worker's pipes and through a Unix domain socket, each read against the same echo in plain C on both
/// ends (<c>scripts/transport-floor.c</c>, measured as rows of the same trials); the hand-off rows write it once into
/// shared memory and only its offset and length cross (the worker reads its two ends), against an in-process copy.
/// Read GB/s.
/// </summary>
/// <remarks>
/// Answers are checked on every call where they are a checksum, and by poisoning the reply buffer or the shared
/// region before each iteration and checking it after, outside the measured time, where they are bytes. Every
/// transport call has a deadline (<see cref="CallTimeout"/>, the pool rows' bound on an item): a worker that stops
/// answering is killed and fails its row, naming the transport, instead of hanging the suite.
/// </remarks>
[Question("Moving data: what does delivering 1 KiB to 64 MiB to another process cost, per transport?", QuestionKind.DataMovement, Order = 4)]
[BenchmarkCategory(Categories.DataMovement)]
[PilotWithIterationSetup]
[QuickProfileCut(nameof(InProcessStreamingCopy), nameof(PayloadBytes), "streaming stores are used from 8 MiB on; below that this floor is InProcessCopy", To = 1 << 20)]
[QuickProfileCut(nameof(SharedMemoryPipeSignal), nameof(PayloadBytes), "what the doorbell saves over the pipe (two wake-ups a call) is a question of the full profile; the quick profile spends its launches on the echo rows' plain-C floors instead", From = 1 << 10, To = 1 << 26)]
[QuickProfileCut(nameof(PipeEcho), nameof(PayloadBytes), MiddleSizes, From = 1 << 16, To = 1 << 16)]
[QuickProfileCut(nameof(PipeEcho), nameof(PayloadBytes), MiddleSizes, From = 1 << 24, To = 1 << 24)]
[QuickProfileCut(nameof(UnixSocketEcho), nameof(PayloadBytes), MiddleSizes, From = 1 << 16, To = 1 << 16)]
[QuickProfileCut(nameof(UnixSocketEcho), nameof(PayloadBytes), MiddleSizes, From = 1 << 24, To = 1 << 24)]
[QuickProfileCut(nameof(SharedMemoryHandOff), nameof(PayloadBytes), MiddleSizes, From = 1 << 16, To = 1 << 16)]
[QuickProfileCut(nameof(SharedMemoryHandOff), nameof(PayloadBytes), MiddleSizes, From = 1 << 24, To = 1 << 24)]
[QuickProfileCut(QuickProfileCutAttribute.AnyMethod, nameof(PayloadBytes), QuickSizes, From = 1 << 16, To = 1 << 16)]
[QuickProfileCut(QuickProfileCutAttribute.AnyMethod, nameof(PayloadBytes), QuickSizes, From = 1 << 24, To = 1 << 24)]
[IterationTime(50)]
public class IpcPayloadSweep
{
    private const string QuickSizes = "the quick profile measures 1 KiB (the round trip), 1 MiB and 64 MiB, where each transport's trend and its distance from the in-process floor show; the full profile adds 64 KiB and 16 MiB";
    private const string MiddleSizes = "at 64 KiB and 16 MiB the one-way rows (the same work on every transport) answer the question; this row's trend shows at 1 KiB, 1 MiB and 64 MiB";
    private const byte Poison = 0xA5;
    private byte[] _payload = [];
    private byte[] _reply = [];
    private ulong _sample;
    private ulong _sum;
    private WorkerProcess? _worker;
    private IPayloadTransport? _transport;
    private AnswerCheck? _check;
    private CallDeadline? _deadline;
    private PlainCFloor? _floor;

    /// <summary>The payload size: 1 KiB, 64 KiB, 1 MiB, 16 MiB, 64 MiB.</summary>
    [Params(1 << 10, 1 << 16, 1 << 20, 1 << 24, 1 << 26), Input(Input.PayloadBytes)]
    public int PayloadBytes { get; set; }

    /// <summary>Gets the bound on one transport call: the pool rows' bound on one item (five minutes), thousands of
    /// times what a 64 MiB echo takes. Tests shorten it.</summary>
    internal TimeSpan CallTimeout { get; init; } = new ProcessStrategyOptions().ItemTimeout;

    /// <summary>Gets the process id of the row's worker (tests stop it).</summary>
    internal int WorkerProcessId => _worker?.ProcessId ?? _floor?.ProcessId ?? throw new InvalidOperationException("no worker: the row's global setup has not run");

    /// <summary>Makes the payload (fixed seed), its right answers and the reply buffer.</summary>
    [GlobalSetup(Targets = [nameof(InProcessCopy), nameof(InProcessStreamingCopy), nameof(InProcessCopyAndChecksum)])]
    public void CreatePayload()
    {
        _payload = new byte[PayloadBytes];
        Checksum.Fill(_payload);
        _reply = new byte[PayloadBytes];
        _sample = ReferenceChecksum.Sample(_payload);
        _sum = ReferenceChecksum.Passes(_payload, 1);
    }

    /// <summary>Also starts a worker and opens a pipe transport to it.</summary>
    [GlobalSetup(Targets = [nameof(PipeEcho), nameof(PipeOneWay)])]
    public void OpenPipe() => Open(TransportKind.Pipe);

    /// <summary>Also starts a worker and opens a socket transport to it.</summary>
    [GlobalSetup(Targets = [nameof(UnixSocketEcho), nameof(UnixSocketOneWay)])]
    public void OpenSocket() => Open(TransportKind.UnixSocket);

    /// <summary>Also starts a worker and maps a shared region with it.</summary>
    [GlobalSetup(Targets = [nameof(SharedMemoryHandOff), nameof(SharedMemoryOneWay)])]
    public void OpenSharedMemory() => Open(TransportKind.SharedMemory);

    /// <summary>Also starts a worker and maps a shared region with it, signalled through the pipe.</summary>
    [GlobalSetup(Target = nameof(SharedMemoryPipeSignal))]
    public void OpenSharedMemoryPipeSignal()
    {
        CreatePayload();
        _worker = StartWorker();
        _transport = SharedMemoryTransport.CreateAsync(_worker, PayloadBytes, SharedMemorySignal.Pipe).GetAwaiter().GetResult();
        _deadline = new CallDeadline(CallTimeout);
    }

    /// <summary>Builds the plain-C echo and starts its child on a pair of pipes (1 MiB buffers, as the worker's).</summary>
    [GlobalSetup(Target = nameof(PlainCPipeEcho))]
    public void OpenPlainCPipe()
    {
        CreatePayload();
        _floor = PlainCFloor.StartPipe();
        _deadline = new CallDeadline(CallTimeout);
    }

    /// <summary>Builds the plain-C echo and starts its child on a Unix domain socket.</summary>
    [GlobalSetup(Target = nameof(PlainCSocketEcho))]
    public void OpenPlainCSocket()
    {
        CreatePayload();
        _floor = PlainCFloor.StartSocket(TimeSpan.FromSeconds(30));
        _deadline = new CallDeadline(CallTimeout);
    }

    /// <summary>Poisons the reply buffer before an iteration (not measured).</summary>
    [IterationSetup(Targets = [nameof(InProcessCopy), nameof(InProcessStreamingCopy), nameof(InProcessCopyAndChecksum), nameof(PipeEcho), nameof(UnixSocketEcho), nameof(PlainCPipeEcho), nameof(PlainCSocketEcho)])]
    public void PoisonReply() => _reply.AsSpan().Fill(Poison);

    /// <summary>Checks after an iteration that the reply buffer holds the payload again (not measured).</summary>
    [IterationCleanup(Targets = [nameof(InProcessCopy), nameof(InProcessStreamingCopy), nameof(InProcessCopyAndChecksum), nameof(PipeEcho), nameof(UnixSocketEcho), nameof(PlainCPipeEcho), nameof(PlainCSocketEcho)])]
    public void CheckReply() => _check!.Iteration(_reply.AsSpan().SequenceEqual(_payload), "the reply buffer");

    /// <summary>Poisons the shared region's payload area before an iteration (not measured).</summary>
    [IterationSetup(Targets = [nameof(SharedMemoryHandOff), nameof(SharedMemoryPipeSignal), nameof(SharedMemoryOneWay)])]
    public void PoisonRegion() => Region.PoisonPayloadArea(Poison);

    /// <summary>Checks after an iteration that the shared region holds the payload (not measured).</summary>
    [IterationCleanup(Targets = [nameof(SharedMemoryHandOff), nameof(SharedMemoryPipeSignal), nameof(SharedMemoryOneWay)])]
    public void CheckRegion() => _check!.Iteration(Region.PayloadAreaHolds(_payload), "the shared region");

    /// <summary>Reports what was checked, then ends the worker and removes the endpoint.</summary>
    [GlobalCleanup]
    public void ReportAndClose()
    {
        try
        {
            if (_check is not null)
            {
                BenchmarkFacts.Report(_check);
            }
        }
        finally
        {
            _transport?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _worker?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _floor?.Dispose();
            _deadline?.Dispose();
        }
    }

    /// <summary>Span.CopyTo of the payload into another buffer: the memory bandwidth this machine allows.</summary>
    [Benchmark(Baseline = true), BytesMoved(1), Floor]
    public int InProcessCopy()
    {
        _check ??= Check();
        _payload.AsSpan().CopyTo(_reply);
        return _reply[^1];
    }

    /// <summary>The same copy with streaming (non-temporal) stores, as the shared-memory hand-off writes payloads of
    /// <see cref="StreamingCopy.Threshold"/> bytes and more: the floor to compare that hand-off with, like for like.</summary>
    [Benchmark, BytesMoved(1), Floor]
    public int InProcessStreamingCopy()
    {
        _check ??= Check();
        StreamingCopy.CopyNonTemporal(_payload, _reply);
        return _reply[^1];
    }

    /// <summary>The one-way rows' floor: the payload copied to another buffer and every byte of the copy read (one
    /// checksum pass), in process.</summary>
    [Benchmark, BytesMoved(1), Floor]
    public ulong InProcessCopyAndChecksum()
    {
        _payload.AsSpan().CopyTo(_reply);
        ulong sum = Checksum.Compute(_reply, 1);
        Check().Call(_sum, sum);
        return sum;
    }

    /// <summary>The payload to the worker and back through its standard input and output; read against
    /// <see cref="PlainCPipeEcho"/>.</summary>
    [Benchmark, BytesMoved(2), ComparedWith(nameof(PlainCPipeEcho)), Transport(TransportKind.Pipe)]
    public Task<int> PipeEcho() => Echo();

    /// <summary>The payload to the worker and back through a Unix domain socket; read against <see cref="PlainCSocketEcho"/>.</summary>
    [Benchmark, BytesMoved(2), ComparedWith(nameof(PlainCSocketEcho)), Transport(TransportKind.UnixSocket)]
    public Task<int> UnixSocketEcho() => Echo();

    /// <summary>The floor of <see cref="PipeEcho"/>: the payload there and back through a pair of pipes with 1 MiB
    /// buffers, plain C on both ends (<c>scripts/transport-floor.c</c>; skipped where no C compiler is found).</summary>
    [Benchmark, BytesMoved(2), Floor, PlainC, Transport(TransportKind.Pipe)]
    public int PlainCPipeEcho() => FloorEcho();

    /// <summary>The floor of <see cref="UnixSocketEcho"/>: the payload there and back through a Unix domain socket,
    /// plain C on both ends.</summary>
    [Benchmark, BytesMoved(2), Floor, PlainC, Transport(TransportKind.UnixSocket)]
    public int PlainCSocketEcho() => FloorEcho();

    /// <summary>The payload written once into shared memory; offset and length to the worker through the region's
    /// doorbell, an 8-byte digest of its two ends back the same way.</summary>
    [Benchmark, BytesMoved(1), Transport(TransportKind.SharedMemory)]
    public Task<ulong> SharedMemoryHandOff() => HandOff(passes: 0);

    /// <summary>The same hand-off with offset and length sent through the worker's pipe, and the digest back through
    /// it: the difference with <see cref="SharedMemoryHandOff"/> is the cost of two wake-ups.</summary>
    [Benchmark, BytesMoved(1), Transport(TransportKind.SharedMemory)]
    public Task<ulong> SharedMemoryPipeSignal() => HandOff(passes: 0);

    /// <summary>The payload through the worker's standard input; the worker reads every byte (one checksum pass) and
    /// answers 8 bytes.</summary>
    [Benchmark, BytesMoved(1), ComparedWith(nameof(InProcessCopyAndChecksum)), Transport(TransportKind.Pipe)]
    public Task<ulong> PipeOneWay() => HandOff(passes: 1);

    /// <summary>The payload through a Unix domain socket; the worker reads every byte and answers 8 bytes.</summary>
    [Benchmark, BytesMoved(1), ComparedWith(nameof(InProcessCopyAndChecksum)), Transport(TransportKind.UnixSocket)]
    public Task<ulong> UnixSocketOneWay() => HandOff(passes: 1);

    /// <summary>The payload written into shared memory; the worker reads every byte of it there and answers 8 bytes.</summary>
    [Benchmark, BytesMoved(1), ComparedWith(nameof(InProcessCopyAndChecksum)), Transport(TransportKind.SharedMemory)]
    public Task<ulong> SharedMemoryOneWay() => HandOff(passes: 1);

    private SharedMemoryTransport Region => (SharedMemoryTransport)_transport!;

    private async Task<int> Echo([CallerMemberName] string method = "")
    {
        _check ??= Check(method);
        CancellationToken deadline = _deadline!.Start();
        try
        {
            await ((IEchoTransport)_transport!).EchoAsync(_payload, _reply, deadline).ConfigureAwait(false);
        }
        catch (Exception ex) when (_deadline.Expired)
        {
            throw Overdue(method, ex);
        }
        finally
        {
            _deadline.Stop();
        }

        return _reply[^1];
    }

    // The echo in C, blocking in the kernel: the deadline kills the child, which ends the call.
    private int FloorEcho([CallerMemberName] string method = "")
    {
        _check ??= Check(method);
        CancellationToken deadline = _deadline!.Start();
        try
        {
            using CancellationTokenRegistration kill = deadline.UnsafeRegister(static f => ((PlainCFloor)f!).Kill(), _floor);
            _floor!.Echo(_payload, _reply);
        }
        catch (IOException ex) when (_deadline.Expired)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"{BenchmarkFacts.NameOf(this, method)}: the plain-C echo did not answer within the {_deadline.Limit.TotalSeconds:0.###} s deadline; its child (pid {_floor!.ProcessId}) was killed."), ex);
        }
        finally
        {
            _deadline.Stop();
        }

        return _reply[^1];
    }

    private async Task<ulong> HandOff(int passes, [CallerMemberName] string method = "")
    {
        CancellationToken deadline = _deadline!.Start();
        ulong answer;
        try
        {
            answer = await _transport!.ChecksumAsync(_payload, passes, deadline).ConfigureAwait(false);
        }
        catch (Exception ex) when (_deadline.Expired)
        {
            throw Overdue(method, ex);
        }
        finally
        {
            _deadline.Stop();
        }

        Check(method).Call(passes == 0 ? _sample : _sum, answer);
        return answer;
    }

    // The transport ended its call on the deadline's token. The worker is killed, as the pool kills one over its item
    // timeout: a worker that stopped answering is of no more use to the row, and may hold the region or a request.
    private TimeoutException Overdue(string method, Exception cause)
    {
        _worker!.Kill();
        return new TimeoutException(string.Create(CultureInfo.InvariantCulture,
            $"{BenchmarkFacts.NameOf(this, method)}: the {_transport!.Name} transport did not answer within the {_deadline!.Limit.TotalSeconds:0.###} s deadline; its worker (pid {_worker.ProcessId}) was killed."), cause);
    }

    private AnswerCheck Check([CallerMemberName] string method = "") => _check ??= new AnswerCheck(BenchmarkFacts.NameOf(this, method));

    private void Open(TransportKind kind)
    {
        CreatePayload();
        _worker = StartWorker();
        _transport = TransportPool.OpenAsync(kind, _worker, PayloadBytes).GetAwaiter().GetResult();
        _deadline = new CallDeadline(CallTimeout);
    }

    private WorkerProcess StartWorker() =>
        WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30), PayloadBytes + 4096).GetAwaiter().GetResult();
}
