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
};

Console.WriteLine($"echo-layers: {bytes:N0} bytes, {rounds} rounds of {echoes} echoes each; worker: {preferred.Launch.Flavor} (suite), {jit.Launch.Flavor} (suite-jit)");
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
