#!/usr/bin/env -S dotnet run -c Release --file
#:project ../src/ConcurrencyBench/ConcurrencyBench.csproj
// Where the time of N concurrent waits goes, layer by layer, on this machine:
//   one-timer   one Task.Delay(latency), awaited: the clock's lateness alone
//   timers      N Task.Delay(latency) awaited with Task.WhenAll, nothing resumed per call
//   resumed     the same, each timer awaited by its own async method that then stores its answer (IoAggregation.TimersAlone)
//   strategy    the workload's N calls through the TaskWhenAll strategy (IoAggregation.TaskWhenAll)
// Rounds interleave the four in a shuffled order, so a slow minute of the machine falls on all of them, and each sample
// starts after a random pause of up to 8 ms (not measured): .NET's timers count in steps of Environment.TickCount64
// (4 ms on a kernel that ticks 250 times a second), so a wait armed right after a step ends later than one armed just
// before it, and a sample that always started right after the previous one ended would always meet the same phase.
// Prints each one's median with a distribution-free 99% interval (order statistics), and its ratio to one latency.
// Usage: dotnet run -c Release --file scripts/timer-floor.cs -- [N=10000] [rounds=60] [latencyMs=50]
using System.Diagnostics;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

const int WarmupRounds = 15;
if (!TryArgument(0, 10_000, out int n) || !TryArgument(1, 60, out int rounds) || !TryArgument(2, 50, out int latencyMs)
    || args.Length > 3 || n < 1 || rounds < 20 || latencyMs < 1)
{
    Console.Error.WriteLine("timer-floor: give at most three whole numbers: N (at least 1), rounds (at least 20) and the latency in ms (at least 1); usage: dotnet run -c Release --file scripts/timer-floor.cs -- [N] [rounds] [latencyMs]");
    return 2;
}

TimeSpan latency = TimeSpan.FromMilliseconds(latencyMs);
var workload = new ApiAggregationWorkload(n, latency);
var layers = new (string Name, Func<Task> Run)[]
{
    ("one-timer", () => Task.Delay(latency)),
    ("timers", () => Timers(n, latency)),
    ("resumed", () => Resumed(n, latency)),
    ("strategy", () => Strategy(workload, n)),
};
var samples = layers.ToDictionary(l => l.Name, _ => new List<double>());
var random = new Random(20261126);
for (int round = 0; round < WarmupRounds + rounds; round++)
{
    random.Shuffle(layers);
    foreach ((string name, Func<Task> run) in layers)
    {
        SpinFor(TimeSpan.FromMicroseconds(random.Next(0, 8000)));
        long start = Stopwatch.GetTimestamp();
        await run().ConfigureAwait(false);
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (round >= WarmupRounds)
        {
            samples[name].Add(ms);
        }
    }
}

Console.WriteLine($"N={n}, latency {latencyMs} ms, {rounds} rounds after {WarmupRounds} warm-up rounds, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
foreach ((string name, List<double> list) in samples.OrderBy(s => s.Value.Sum()))
{
    list.Sort();
    (int lo, int hi) = MedianInterval(list.Count);
    double median = list.Count % 2 == 1 ? list[list.Count / 2] : (list[list.Count / 2 - 1] + list[list.Count / 2]) / 2;
    Console.WriteLine($"{name,-10} median {median:0.00} [{list[lo]:0.00}, {list[hi]:0.00}] ms  ratio to one latency {median / latencyMs:0.000} [{list[lo] / latencyMs:0.000}, {list[hi] / latencyMs:0.000}]; fastest {list[0]:0.00}, slowest {list[^1]:0.00} ms");
}

return 0;

// Argument i as a whole number, or its default when it is not given.
bool TryArgument(int i, int fallback, out int value)
{
    value = fallback;
    return args.Length <= i || int.TryParse(args[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
}

// Spins rather than sleeps, so that the pause ends at a random point of the clock's step, not on a timer of its own.
static void SpinFor(TimeSpan pause)
{
    long start = Stopwatch.GetTimestamp();
    while (Stopwatch.GetElapsedTime(start) < pause)
    {
        Thread.SpinWait(20);
    }
}

// The order statistics that bound the median with at least 99% confidence (binomial, p = 1/2).
static (int Lo, int Hi) MedianInterval(int count)
{
    int k = 0;
    while (k + 1 < count / 2 && TwoSidedTail(count, k + 1) <= 0.01)
    {
        k++;
    }

    return (k, count - 1 - k);
}

// P(X <= j) * 2 for X ~ Binomial(count, 1/2): the chance that the interval [x(j), x(count-1-j)] misses the median.
static double TwoSidedTail(int count, int j)
{
    double sum = 0;
    double term = Math.Pow(0.5, count); // C(count, 0) / 2^count
    for (int i = 0; i < j; i++)
    {
        sum += term;
        term *= (double)(count - i) / (i + 1);
    }

    return 2 * sum;
}

static Task Timers(int n, TimeSpan latency)
{
    var calls = new Task[n];
    for (int i = 0; i < n; i++)
    {
        calls[i] = Task.Delay(latency);
    }

    return Task.WhenAll(calls);
}

static async Task Resumed(int n, TimeSpan latency)
{
    var answers = new string[n];
    var calls = new Task[n];
    for (int i = 0; i < n; i++)
    {
        calls[i] = WaitThenAnswer(answers, i, latency);
    }

    await Task.WhenAll(calls).ConfigureAwait(false);
    Check(answers);
}

static async Task WaitThenAnswer(string[] answers, int index, TimeSpan latency)
{
    await Task.Delay(latency).ConfigureAwait(false);
    answers[index] = ApiAggregationWorkload.ExpectedResult(index);
}

static async Task Strategy(ApiAggregationWorkload workload, int n)
{
    string[] answers = await ConcurrencyStrategies.TaskWhenAll.RunAsync(workload).ConfigureAwait(false);
    if (answers.Length != n)
    {
        throw new InvalidOperationException($"the strategy returned {answers.Length} answers for {n} calls");
    }

    Check(answers);
}

static void Check(string[] answers)
{
    for (int i = 0; i < answers.Length; i++)
    {
        if (answers[i] != ApiAggregationWorkload.ExpectedResult(i))
        {
            throw new InvalidOperationException($"call {i} answered '{answers[i]}'");
        }
    }
}
