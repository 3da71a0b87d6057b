#!/usr/bin/env -S dotnet run -c Release --file
#:project ../bench/ConcurrencyBench.Benchmarks/ConcurrencyBench.Benchmarks.csproj
// Where does the process pool lose against threads on TaskGranularity's items? The same operation (2^26 rounds of the
// mixing kernel in equal items) through FixedThreads and through TaskGranularity's three pools of the same K workers
// (plain; two requests in flight a worker; chunks of items over 16 chunks a worker), interleaved in a shuffled order
// each round (seeded), every answer checked against the kernel computed here. Prints each way's median time per
// operation with its distribution-free 99% interval, its efficiency (Sequential's median over K, over its time), its
// time over FixedThreads', and the mean CPU per operation of the parent and of the pool's workers (from /proc, read
// around each operation): where a pool's time goes beyond the work's CPU.
// Usage: dotnet run -c Release --file scripts/pool-granularity.cs -- [roundsPerItem=1048576] [rounds=20]
using System.Diagnostics;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Reporting.Statistics;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

var inv = System.Globalization.CultureInfo.InvariantCulture;
int roundsPerItem = 1 << 20, rounds = 20;
if (args.Length > 2
    || (args.Length > 0 && (!int.TryParse(args[0], System.Globalization.NumberStyles.None, inv, out roundsPerItem) || roundsPerItem < 1 || roundsPerItem > 1 << 24))
    || (args.Length > 1 && (!int.TryParse(args[1], System.Globalization.NumberStyles.None, inv, out rounds) || rounds < 10)))
{
    Console.Error.WriteLine("pool-granularity: give at most the rounds per item (1 to 16777216) and the rounds (at least 10); usage: dotnet run -c Release --file scripts/pool-granularity.cs -- [roundsPerItem] [rounds]");
    return 2;
}

int k = Environment.ProcessorCount;
int items = (1 << 26) / roundsPerItem;
var workload = new GranularKernelWorkload(items, roundsPerItem);
ulong[] expected = [.. Enumerable.Range(0, items).Select(i => GranularKernelWorkload.Compute(i, roundsPerItem))];

const string Idle = "idle (the parent's own CPU in 95 ms)";
var pools = new List<(string Name, ProcessPool Pool)>();
// The pool rows of TaskGranularity: plain, pipelined (two requests in flight a worker) and chunked (items over 16
// chunks a worker, two in flight).
int chunked = Math.Clamp(items / (16 * k), 1, ProcessStrategyOptions.MaxChunkSize);
foreach ((int inFlight, int chunk) in new[] { (1, 1), (2, 1), (2, chunked) })
{
    pools.Add(($"pool, {inFlight} in flight, chunks of {chunk}", await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = k, InFlightPerWorker = inFlight, ChunkSize = chunk })));
}

try
{
    var ways = new List<(string Name, IConcurrencyStrategy Strategy)>
    {
        ("Sequential", ConcurrencyStrategies.Sequential),
        ("FixedThreads", ConcurrencyStrategies.FixedThreads(k)),
        (Idle, new IdleStrategy()),
    };
    ways.AddRange(pools.Select(p => (p.Name, (IConcurrencyStrategy)p.Pool)));
    Console.WriteLine($"pool-granularity: {items} items of {roundsPerItem} rounds, K = {k}, {rounds} rounds");
    var samples = ways.ToDictionary(w => w.Name, _ => new List<double>());
    var parentCpu = ways.ToDictionary(w => w.Name, _ => new List<double>());
    var workerCpu = ways.ToDictionary(w => w.Name, _ => new List<double>());
    var self = Process.GetCurrentProcess();
    double WorkersCpu(IConcurrencyStrategy s) => s is ProcessPool p ? p.WorkerProcessIds.Sum(id => { using var w = Process.GetProcessById(id); return w.TotalProcessorTime.TotalMilliseconds; }) : 0;
    var random = new Random(2026);
    for (int round = -2; round < rounds; round++)
    {
        foreach ((string name, IConcurrencyStrategy strategy) in ways.OrderBy(_ => random.Next()))
        {
            double wcpu0 = WorkersCpu(strategy);
            self.Refresh();
            double cpu0 = self.TotalProcessorTime.TotalMilliseconds;
            long start = Stopwatch.GetTimestamp();
            ulong[] answers = await strategy.RunAsync(workload);
            double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            self.Refresh();
            double cpu = self.TotalProcessorTime.TotalMilliseconds - cpu0, wcpu = WorkersCpu(strategy) - wcpu0;
            if (name != Idle && !answers.AsSpan().SequenceEqual(expected))
            {
                Console.Error.WriteLine($"pool-granularity: {name} answered differently from the kernel computed here.");
                return 1;
            }

            if (round >= 0)
            {
                samples[name].Add(ms);
                parentCpu[name].Add(cpu);
                workerCpu[name].Add(wcpu);
            }
        }
    }

    double sequential = MedianEstimator.Median(samples["Sequential"], 0.99).Value;
    double threads = MedianEstimator.Median(samples["FixedThreads"], 0.99).Value;
    Console.WriteLine("| way | median per operation [99% CI] | efficiency | time / FixedThreads' | parent CPU (mean) | workers' CPU (mean) |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    foreach ((string name, _) in ways)
    {
        Estimate m = MedianEstimator.Median(samples[name], 0.99);
        string ratios = name == Idle ? "| | " : $"| {sequential / k / m.Value:0.000} | {m.Value / threads:0.000} ";
        Console.WriteLine($"| {name} | {m.Value:0.00} [{m.Lower!.Value:0.00}, {m.Upper!.Value:0.00}] ms {ratios}| {parentCpu[name].Average():0.0} ms | {workerCpu[name].Average():0.0} ms |");
    }
}
finally
{
    foreach ((_, ProcessPool pool) in pools)
    {
        await pool.DisposeAsync();
    }
}

return 0;

// Waits as long as an operation takes, computing nothing: the parent's CPU meanwhile (its runtime, and reading the
// CPU figures themselves) is what the pools' parent CPU is read against.
sealed class IdleStrategy : IConcurrencyStrategy
{
    public string Name => "Idle";

    public async Task<TResult[]> RunAsync<TResult>(IWorkload<TResult> workload, CancellationToken cancellationToken = default)
    {
        await Task.Delay(95, cancellationToken);
        return new TResult[workload.Count];
    }
}
