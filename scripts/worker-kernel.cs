#!/usr/bin/env -S dotnet run -c Release --file
#:project ../bench/ConcurrencyBench.Benchmarks/ConcurrencyBench.Benchmarks.csproj
// Does the worker compute PrimeChecks' items as fast as the benchmark process does? The 20 prime checks one after
// another, three ways, on one core at a time (no other work running beside them):
//   in-process   PrimeCheckWorkload.Execute in this (JIT) process
//   aot          each item a request to one NativeAOT worker (scripts/publish-worker-aot.sh; the suite's choice)
//   jit          each item a request to one JIT worker
// Rounds run the three in a shuffled order (seeded), so a slow minute of the machine falls on all of them; every
// answer is checked against the in-process one. Prints each way's median time per list with its distribution-free
// 99% interval, and its ratio to in-process's median: what a pool loses to the worker's code and its round trips
// (20 a list), apart from two workers sharing the cores with the parent.
// Usage: dotnet run -c Release --file scripts/worker-kernel.cs -- [rounds=12]
using System.Diagnostics;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Reporting.Statistics;
using ConcurrencyBench.Workloads;

int rounds = 12;
if (args.Length > 1 || (args.Length == 1 && (!int.TryParse(args[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out rounds) || rounds < 10)))
{
    Console.Error.WriteLine("worker-kernel: give at most one whole number, the rounds (at least 10); usage: dotnet run -c Release --file scripts/worker-kernel.cs -- [rounds]");
    return 2;
}

WorkerLaunch? aotLaunch = WorkerLocator.TryFind(WorkerFlavor.NativeAot);
if (aotLaunch is null)
{
    Console.WriteLine("worker-kernel: no NativeAOT worker (scripts/publish-worker-aot.sh publishes one): the aot way is left out.");
}

var workload = new PrimeCheckWorkload();
bool[] expected = [.. Enumerable.Range(0, workload.Count).Select(i => workload.Execute(i, CancellationToken.None))];
await using WorkerProcess? aot = aotLaunch is null ? null : await WorkerProcess.StartAsync(aotLaunch, TimeSpan.FromSeconds(30), 1 << 16);
await using WorkerProcess jit = await WorkerProcess.StartAsync(WorkerLocator.Find(WorkerFlavor.Jit), TimeSpan.FromSeconds(30), 1 << 16);

async Task<bool[]> Remote(WorkerProcess worker)
{
    var answers = new bool[workload.Count];
    for (int i = 0; i < workload.Count; i++)
    {
        int item = i;
        answers[i] = workload.ReadResult(new(await worker.Connection.RequestAsync(PrimeCheckWorkload.WorkloadId, w => workload.WriteRequest(item, w))));
    }

    return answers;
}

var ways = new List<(string Name, Func<Task<bool[]>> Run)>
{
    ("in-process", () => Task.FromResult(Enumerable.Range(0, workload.Count).Select(i => workload.Execute(i, CancellationToken.None)).ToArray())),
    ("jit", () => Remote(jit)),
};
if (aot is not null)
{
    ways.Insert(1, ("aot", () => Remote(aot)));
}

Console.WriteLine($"worker-kernel: the {workload.Count} prime checks one after another, {rounds} rounds; workers: {aot?.Launch.Flavor.ToString() ?? "none"} (aot), {jit.Launch.Flavor} (jit)");
var samples = ways.ToDictionary(w => w.Name, _ => new List<double>());
var random = new Random(2026);
for (int round = -2; round < rounds; round++)
{
    foreach ((string name, Func<Task<bool[]>> run) in ways.OrderBy(_ => random.Next()))
    {
        long start = Stopwatch.GetTimestamp();
        bool[] answers = await run();
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (!answers.AsSpan().SequenceEqual(expected))
        {
            Console.Error.WriteLine($"worker-kernel: {name} answered differently from the in-process check.");
            return 1;
        }

        if (round >= 0)
        {
            samples[name].Add(ms); // the first two rounds warm up, not counted
        }
    }
}

double reference = MedianEstimator.Median(samples["in-process"], 0.99).Value;
Console.WriteLine("| way | median per list [99% CI] | time / in-process's |");
Console.WriteLine("|---|---:|---:|");
foreach ((string name, _) in ways)
{
    Estimate m = MedianEstimator.Median(samples[name], 0.99);
    Console.WriteLine($"| {name} | {m.Value:0.0} [{m.Lower!.Value:0.0}, {m.Upper!.Value:0.0}] ms | {m.Value / reference:0.000} |");
}

return 0;
