#!/usr/bin/env -S dotnet run -c Release --file
#:project ../bench/ConcurrencyBench.Benchmarks/ConcurrencyBench.Benchmarks.csproj
// Does the ratio of a plain-C transport to the in-process copy hold still on this machine, measured so that no
// scheduling of launches can move it? IpcPayloadSweep's rows are read against InProcessCopy, its memory-bandwidth
// floor, each in a launch of its own; this script measures the floor and the two plain-C echoes (the same
// scripts/transport-floor.c children as PlainCPipeEcho and PlainCSocketEcho) in one process, in rounds of a shuffled
// order (seeded), seconds apart. Run it a few times minutes apart: if the ratios it prints move between those runs by
// more than their intervals, the machine itself changes them, whatever the suite's schedule.
//   copy          Span.CopyTo of the payload into another buffer (InProcessCopy)
//   c-pipe        the payload there and back through a pair of 1 MiB pipes, C on both ends (PlainCPipeEcho)
//   c-socket      the same through a Unix domain socket (PlainCSocketEcho)
// A sample is one round's time per operation; a ratio is the suite's "of the floor" (GB/s over the copy's GB/s, an
// echo moving the payload twice), taken round by round. Prints each layer's median with its distribution-free 99%
// interval and each echo's ratio likewise. Every echo is checked against the payload (not timed).
// Usage: dotnet run -c Release --file scripts/floor-drift.cs -- [bytes=67108864] [rounds=30] [repeats=3]
using System.Diagnostics;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Reporting.Statistics;

if (!TryArgument(0, 64 << 20, out int bytes) || !TryArgument(1, 30, out int rounds) || !TryArgument(2, 3, out int repeats)
    || args.Length > 3 || bytes < 1 || bytes > 64 << 20 || rounds < 10 || repeats < 1)
{
    Console.Error.WriteLine("floor-drift: give at most three whole numbers: the payload in bytes (1 to 67108864), rounds (at least 10) and repeats a round (at least 1); usage: dotnet run -c Release --file scripts/floor-drift.cs -- [bytes] [rounds] [repeats]");
    return 2;
}

if (PlainCFloor.MissingReason is string missing)
{
    Console.Error.WriteLine($"floor-drift: {missing}.");
    return 2;
}

byte[] payload = new byte[bytes];
Checksum.Fill(payload);
byte[] reply = new byte[bytes];
using PlainCFloor pipe = PlainCFloor.StartPipe();
using PlainCFloor socket = PlainCFloor.StartSocket(TimeSpan.FromSeconds(30));
var layers = new (string Name, Action Run)[]
{
    ("copy", () => payload.AsSpan().CopyTo(reply)),
    ("c-pipe", () => pipe.Echo(payload, reply)),
    ("c-socket", () => socket.Echo(payload, reply)),
};

Console.WriteLine($"floor-drift: {bytes:N0} bytes, {rounds} rounds of {repeats} each, started {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
var samples = layers.ToDictionary(l => l.Name, _ => new List<double>());
var random = new Random(2026);
for (int round = -2; round < rounds; round++)
{
    foreach ((string name, Action run) in layers.OrderBy(_ => random.Next()))
    {
        Array.Clear(reply);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < repeats; i++)
        {
            run();
        }

        double nsPerOperation = Stopwatch.GetElapsedTime(start).TotalNanoseconds / repeats;
        if (!reply.AsSpan().SequenceEqual(payload))
        {
            Console.Error.WriteLine($"floor-drift: {name} left a reply different from the payload.");
            return 1;
        }

        if (round >= 0)
        {
            samples[name].Add(nsPerOperation); // the first two rounds warm up, not counted
        }
    }
}

Console.WriteLine("| layer | median per operation [99% CI] | of the floor, round by round [99% CI] |");
Console.WriteLine("|---|---:|---:|");
foreach ((string name, _) in layers)
{
    Estimate time = MedianEstimator.Median(samples[name], 0.99);
    string ratio = "-";
    if (name != "copy")
    {
        // An echo moves the payload twice: (2 B / t_echo) / (B / t_copy), round by round.
        Estimate r = MedianEstimator.Median([.. samples[name].Zip(samples["copy"], (echo, copy) => 2 * copy / echo)], 0.99);
        ratio = $"{r.Value:0.000} [{r.Lower!.Value:0.000}, {r.Upper!.Value:0.000}]";
    }

    Console.WriteLine($"| {name} | {Ms(time.Value)} [{Ms(time.Lower!.Value)}, {Ms(time.Upper!.Value)}] ms | {ratio} |");
}

return 0;

static string Ms(double ns) => (ns / 1e6).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);

bool TryArgument(int index, int fallback, out int value)
{
    value = fallback;
    return args.Length <= index || int.TryParse(args[index], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
}
