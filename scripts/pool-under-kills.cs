#!/usr/bin/env -S dotnet run -c Release --file
#:project ../bench/ConcurrencyBench.Benchmarks/ConcurrencyBench.Benchmarks.csproj
// The pipelined pool's PrimeChecks row (and the chunked pool's TaskGranularity row) with a worker SIGKILLed every
// 0.5 s: the row's own set-up, its calls as BenchmarkDotNet makes them (each call's 20 answers checked against the
// independently computed primality, a wrong or missing one fails the call), its own clean-up; meanwhile a random live
// worker of the suite is killed every interval. At the end: every call answered right, the workers killed and the
// replacements the pool started, and no worker process left (each killed pid gone, none of this process's children alive).
// Usage: dotnet run -c Release --file scripts/pool-under-kills.cs -- [iterations=100] [intervalMs=500] [row=pipelined|chunked]
using System.Diagnostics;
using ConcurrencyBench.Benchmarks;
using ConcurrencyBench.Processes;

if (!TryArgument(0, 100, out int iterations) || !TryArgument(1, 500, out int intervalMs) || iterations < 1 || intervalMs < 10
    || args.Length > 3 || (args.Length == 3 && args[2] is not ("pipelined" or "chunked")))
{
    Console.Error.WriteLine("pool-under-kills: give the iterations (at least 1), the interval between kills in ms (at least 10) and the row (pipelined or chunked); usage: dotnet run -c Release --file scripts/pool-under-kills.cs -- [iterations] [intervalMs] [row]");
    return 2;
}

bool chunked = args.Length == 3 && args[2] == "chunked";
Func<Task> call;
Action cleanup;
string row;
if (chunked)
{
    var granularity = new TaskGranularity { RoundsPerItem = 1 << 14, K = Environment.ProcessorCount };
    granularity.StartChunkedPool();
    (call, cleanup, row) = (() => granularity.ProcessPool_Chunked(), granularity.StopChunkedPool, "TaskGranularity.ProcessPool_Chunked(RoundsPerItem=16384)");
}
else
{
    var primes = new PrimeChecks { K = Environment.ProcessorCount };
    primes.StartPipelinedPool();
    (call, cleanup, row) = (() => primes.ProcessPool_Pipelined(), primes.StopPipelinedPool, "PrimeChecks.ProcessPool_Pipelined");
}

var killed = new List<int>();
using var stop = new CancellationTokenSource();
var random = new Random(2026);
Task killer = Task.Run(async () =>
{
    using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(intervalMs));
    while (!stop.IsCancellationRequested)
    {
        try
        {
            await timer.WaitForNextTickAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            break;
        }

        IReadOnlyList<int> live = WorkerRegistry.LiveProcessIds;
        if (live.Count == 0)
        {
            continue;
        }

        int pid = live[random.Next(live.Count)];
        try
        {
            using Process victim = Process.GetProcessById(pid);
            victim.Kill();
            lock (killed)
            {
                killed.Add(pid);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It ended (or was replaced) between the listing and the kill.
        }
    }
});

var watch = Stopwatch.StartNew();
int done = 0;
Exception? failure = null;
try
{
    for (; done < iterations; done++)
    {
        await call();
    }
}
catch (Exception ex)
{
    failure = ex;
}
finally
{
    await stop.CancelAsync();
    await killer;
    cleanup();
}

watch.Stop();
int[] kills;
lock (killed)
{
    kills = [.. killed];
}

int[] stillAlive = [.. kills.Where(IsAlive)];
int[] children = [.. Children(Environment.ProcessId)];
Console.WriteLine($"pool-under-kills: {row}: {done} of {iterations} calls answered right in {watch.Elapsed.TotalSeconds:0.0} s; {kills.Length} workers SIGKILLed (one every {intervalMs} ms); killed workers still alive: {stillAlive.Length}; child processes left: {children.Length}");
if (failure is not null)
{
    Console.Error.WriteLine($"pool-under-kills: call {done + 1} failed: {failure.GetType().Name}: {failure.Message}");
    return 1;
}

return stillAlive.Length == 0 && children.Length == 0 && kills.Length > 0 ? 0 : 1;

static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z');

static IEnumerable<int> Children(int parent)
{
    foreach (string dir in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(dir), out int pid))
        {
            continue;
        }

        string stat;
        try
        {
            stat = File.ReadAllText(Path.Combine(dir, "stat"));
        }
        catch (IOException)
        {
            continue;
        }

        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields[0] != "Z" && int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == parent)
        {
            yield return pid;
        }
    }
}

bool TryArgument(int index, int fallback, out int value)
{
    value = fallback;
    return args.Length <= index || int.TryParse(args[index], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
}
