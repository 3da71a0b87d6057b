#!/usr/bin/env -S dotnet run -c Release --file
#:project ../bench/ConcurrencyBench.Benchmarks/ConcurrencyBench.Benchmarks.csproj
// Where the time of IpcPayloadSweep's PipeEcho goes against its plain-C floor, layer by layer, on this machine:
//   c               PlainCPipeEcho: C on both ends of a pair of 1 MiB pipes (scripts/transport-floor.c)
//   suite-async     PipeEcho's transport to the suite's worker (the NativeAOT build when published, as in the suite), each
//                   echo awaited in an async loop: the frames, the worker's loop and handler, the parent's read loop
//   suite-blocking  the same transport, each echo's task waited for with GetAwaiter().GetResult(), as BenchmarkDotNet
//                   waits for a benchmark that returns a Task: one more thread to wake per echo
//   suite-jit       suite-async to the JIT build of the worker: what the worker's code generation adds
//   suite-deadline  suite-blocking with the benchmark's per-call deadline (a token cancelled after 30 s, reset after
//                   each echo), as IpcPayloadSweep's rows call it
//   suite-bdn-wait  the echo's task waited for by BenchmarkDotNet's own AwaitHelper, as its engine waits for a row
//   raw-one-thread  the suite's worker (NativeAOT where published) spoken to as C speaks to its child: one thread writes
//                   the request frame (its head, then its payload: two writes), then reads the answer, blocking; no read
//                   loop, no task (up to 1 MiB: a larger frame would not fit the pipes while nobody reads)
//   raw-reader-thread  the same with the answer read by a second thread of the parent, blocked in read() while the
//                   first writes, which then wakes the first: the shape of the suite's echo before the read baton
//                   (issue 26: the three runnable threads on two cores)
// With ECHO_LAYERS_OTHER_WORKER set to another build of the worker (say the NativeAOT worker of the commit before a
// change, copied aside), two more layers speak to it in the same rounds: other-async (as suite-async) and other-raw (as
// raw-one-thread): an interleaved A/B of the worker's side, with C's floor beside it.
// Rounds run the layers in a shuffled order (seeded), so a slow minute of the machine falls on all of them; a sample is
// the mean of one round's echoes. Each echo's reply is checked against the payload after the round (not timed).
// Prints each layer's median time per echo with its distribution-free 99% interval, and its ratio to c's median.
// Usage: dotnet run -c Release --file scripts/echo-layers.cs -- [bytes=1024] [rounds=40] [echoes=200]
using System.Diagnostics;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Reporting.Statistics;

if (!TryArgument(0, 1024, out int bytes) || !TryArgument(1, 40, out int rounds) || !TryArgument(2, 200, out int echoes)
    || args.Length > 3 || bytes < 1 || bytes > 64 << 20 || rounds < 10 || echoes < 1)
{
    Console.Error.WriteLine("echo-layers: give at most three whole numbers: the payload in bytes (1 to 67108864), rounds (at least 10) and echoes a round (at least 1); usage: dotnet run -c Release --file scripts/echo-layers.cs -- [bytes] [rounds] [echoes]");
    return 2;
}

if (PlainCFloor.MissingReason is string missing)
{
    Console.Error.WriteLine($"echo-layers: {missing}.");
    return 2;
}

byte[] payload = new byte[bytes];
Checksum.Fill(payload);
byte[] reply = new byte[bytes];
using PlainCFloor floor = PlainCFloor.StartPipe();
// The NativeAOT worker where one is published (scripts/publish-worker-aot.sh; the suite publishes it before its rows),
// else the JIT build: WorkerLocator.Find() would take the JIT build here, newer than any AOT one beside this script.
await using WorkerProcess preferred = await WorkerProcess.StartAsync(WorkerLocator.TryFind(WorkerFlavor.NativeAot) ?? WorkerLocator.Find(), TimeSpan.FromSeconds(30), bytes + 4096);
await using WorkerProcess jit = await WorkerProcess.StartAsync(WorkerLocator.Find(WorkerFlavor.Jit), TimeSpan.FromSeconds(30), bytes + 4096);
await using IPayloadTransport toPreferred = await TransportPool.OpenAsync(TransportKind.Pipe, preferred, bytes);
await using IPayloadTransport toJit = await TransportPool.OpenAsync(TransportKind.Pipe, jit, bytes);
var echoPreferred = (IEchoTransport)toPreferred;
var echoJit = (IEchoTransport)toJit;

using var raw = RawWorker.Start(WorkerLocator.TryFind(WorkerFlavor.NativeAot) ?? WorkerLocator.Find(), bytes);
using var rawWithReader = RawWorker.Start(WorkerLocator.TryFind(WorkerFlavor.NativeAot) ?? WorkerLocator.Find(), bytes);

string? otherPath = Environment.GetEnvironmentVariable("ECHO_LAYERS_OTHER_WORKER");
if (otherPath is not null && !File.Exists(otherPath))
{
    Console.Error.WriteLine($"echo-layers: ECHO_LAYERS_OTHER_WORKER names {otherPath}, which is not a file; give the path of a worker executable, or unset it.");
    return 2;
}

// A .dll is a JIT build, run through dotnet; anything else a NativeAOT executable.
WorkerLaunch? otherLaunch = otherPath is null ? null
    : otherPath.EndsWith(".dll", StringComparison.Ordinal) ? new WorkerLaunch("dotnet", [Path.GetFullPath(otherPath)], IsNativeAot: false)
    : new WorkerLaunch(Path.GetFullPath(otherPath), [], IsNativeAot: true);
await using WorkerProcess? other = otherLaunch is null ? null : await WorkerProcess.StartAsync(otherLaunch, TimeSpan.FromSeconds(30), bytes + 4096);
await using IPayloadTransport? toOther = other is null ? null : await TransportPool.OpenAsync(TransportKind.Pipe, other, bytes);
using RawWorker? rawOther = otherLaunch is null ? null : RawWorker.Start(otherLaunch, bytes);

// The per-call deadline as IpcPayloadSweep's CallDeadline sets it (that class is internal to the benchmarks).
using var deadline = new CancellationTokenSource();
var layers = new (string Name, Func<Task> Run)[]
{
    ("c", () => { for (int i = 0; i < echoes; i++) { floor.Echo(payload, reply); } return Task.CompletedTask; }),
    ("suite-async", async () => { for (int i = 0; i < echoes; i++) { await echoPreferred.EchoAsync(payload, reply); } }),
    ("suite-blocking", () => { for (int i = 0; i < echoes; i++) { echoPreferred.EchoAsync(payload, reply).GetAwaiter().GetResult(); } return Task.CompletedTask; }),
    ("suite-jit", async () => { for (int i = 0; i < echoes; i++) { await echoJit.EchoAsync(payload, reply); } }),
    ("suite-deadline", () =>
    {
        for (int i = 0; i < echoes; i++)
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            echoPreferred.EchoAsync(payload, reply, deadline.Token).GetAwaiter().GetResult();
            deadline.TryReset();
        }

        return Task.CompletedTask;
    }),
    ("suite-bdn-wait", () => { for (int i = 0; i < echoes; i++) { BenchmarkDotNet.Helpers.AwaitHelper.GetResult(echoPreferred.EchoAsync(payload, reply)); } return Task.CompletedTask; }),
    ("raw-one-thread", () => { for (int i = 0; i < echoes; i++) { raw.Echo(payload, reply); } return Task.CompletedTask; }),
    ("raw-reader-thread", () => { for (int i = 0; i < echoes; i++) { rawWithReader.EchoViaReader(payload, reply); } return Task.CompletedTask; }),
};
if (toOther is IEchoTransport echoOther && rawOther is not null)
{
    layers =
    [
        .. layers,
        ("other-async", async () => { for (int i = 0; i < echoes; i++) { await echoOther.EchoAsync(payload, reply); } }),
        ("other-raw", () => { for (int i = 0; i < echoes; i++) { rawOther.Echo(payload, reply); } return Task.CompletedTask; }),
    ];
}

// A raw parent reads nothing until its frame is out: past what the two pipes hold, the worker's relay would block on
// a full pipe back and the two would wait for each other.
if (bytes > 1 << 20)
{
    layers = layers.Where(l => !l.Name.StartsWith("raw-", StringComparison.Ordinal) && l.Name != "other-raw").ToArray();
}

Console.WriteLine($"echo-layers: {bytes:N0} bytes, {rounds} rounds of {echoes} echoes each; worker: {preferred.Launch.Flavor} (suite), {jit.Launch.Flavor} (suite-jit){(other is null ? "" : $", {other.Launch} (other-*)")}");
var samples = layers.ToDictionary(l => l.Name, _ => new List<double>());
var random = new Random(2026);
for (int round = -3; round < rounds; round++)
{
    foreach ((string name, Func<Task> run) in layers.OrderBy(_ => random.Next()))
    {
        Array.Clear(reply);
        long start = Stopwatch.GetTimestamp();
        await run();
        double nsPerEcho = Stopwatch.GetElapsedTime(start).TotalNanoseconds / echoes;
        if (!reply.AsSpan().SequenceEqual(payload))
        {
            Console.Error.WriteLine($"echo-layers: {name}'s echo came back different from the payload.");
            return 1;
        }

        if (round >= 0)
        {
            samples[name].Add(nsPerEcho); // the first three rounds warm up, not counted
        }
    }
}

double c = MedianEstimator.Median(samples["c"], 0.99).Value;
Console.WriteLine("| layer | median per echo [99% CI] | GB/s (both directions) | time / c's |");
Console.WriteLine("|---|---:|---:|---:|");
foreach ((string name, _) in layers)
{
    Estimate m = MedianEstimator.Median(samples[name], 0.99);
    Console.WriteLine($"| {name} | {Us(m.Value)} [{Us(m.Lower!.Value)}, {Us(m.Upper!.Value)}] µs | {2.0 * bytes / m.Value:0.000} | {m.Value / c:0.00} |");
}

return 0;

static string Us(double ns) => (ns / 1e3).ToString(ns < 1e5 ? "0.0" : "0", System.Globalization.CultureInfo.InvariantCulture);

bool TryArgument(int index, int fallback, out int value)
{
    value = fallback;
    return args.Length <= index || int.TryParse(args[index], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
}

// The suite's worker spoken to with the protocol's bytes written out here (the script cannot see the suite's internal
// WireFormat): a frame is a little-endian u32 length (of what follows), a type byte, the body; hello = type 1 with the
// magic "CBW1" and version 3; request = type 3 with u64 id, u8 id length, "ipc.echo", payload; response = type 4 with
// u64 id, payload.
sealed class RawWorker : IDisposable
{
    private const string EchoId = "ipc.echo";
    private readonly Process _process;
    private readonly Stream _in;
    private readonly Stream _out;
    private readonly byte[] _head = new byte[64];
    private readonly byte[] _requestHead = new byte[64];
    private readonly SemaphoreSlim _go = new(0);
    private readonly SemaphoreSlim _done = new(0);
    private Thread? _reader;
    private byte[]? _target;
    private long _id;

    private RawWorker(Process process)
    {
        _process = process;
        _in = process.StandardInput.BaseStream;
        _out = process.StandardOutput.BaseStream;
    }

    public static RawWorker Start(WorkerLaunch launch, int bytes)
    {
        var info = new ProcessStartInfo(launch.FileName) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in launch.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add($"--max-frame-size={bytes + 4096}");
        var worker = new RawWorker(Process.Start(info)!);
        PipeBuffers.TryEnlarge(worker._in);
        PipeBuffers.TryEnlarge(worker._out);
        worker._in.Write([7, 0, 0, 0, 1, 0x43, 0x42, 0x57, 0x31, 3, 0]);
        worker._in.Flush();
        if (worker.ReadHeader() is not (2, int length))
        {
            throw new InvalidDataException("the worker did not answer the hello");
        }

        worker._out.ReadExactly(new byte[length]);
        return worker;
    }

    // One thread: the request, then the answer.
    public void Echo(byte[] payload, byte[] reply)
    {
        WriteRequest(payload);
        ReadAnswer(reply, payload.Length);
    }

    // The answer read by a second thread, which wakes this one.
    public void EchoViaReader(byte[] payload, byte[] reply)
    {
        if (_reader is null)
        {
            _reader = new Thread(() =>
            {
                while (true)
                {
                    _go.Wait();
                    ReadAnswer(_target!, _target!.Length);
                    _done.Release();
                }
            }) { IsBackground = true };
            _reader.Start();
        }

        _target = reply;
        _go.Release();
        WriteRequest(payload);
        _done.Wait();
    }

    public void Dispose()
    {
        _in.Dispose();
        if (!_process.WaitForExit(2000))
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private void WriteRequest(byte[] payload)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(_requestHead, (uint)(8 + 1 + EchoId.Length + payload.Length + 1));
        _requestHead[4] = 3;
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(_requestHead.AsSpan(5), ++_id);
        _requestHead[13] = (byte)EchoId.Length;
        System.Text.Encoding.ASCII.GetBytes(EchoId, _requestHead.AsSpan(14));
        _in.Write(_requestHead, 0, 14 + EchoId.Length);
        _in.Write(payload);
        _in.Flush();
    }

    private void ReadAnswer(byte[] reply, int length)
    {
        if (ReadHeader() is not (4, int body) || body != 8 + length)
        {
            throw new InvalidDataException("the worker's answer is not the echo's response");
        }

        _out.ReadExactly(_head, 0, 8);
        _out.ReadExactly(reply, 0, length);
    }

    private (byte Type, int Length) ReadHeader()
    {
        _out.ReadExactly(_head, 0, 5);
        return (_head[4], (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_head) - 1);
    }
}
