using System.Globalization;
using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// Thread-pool starvation, shown and fixed: N blocking calls of LatencyMs queued with Task.Run on a pool at its default
/// minimum (one thread per core; the pool then adds threads slowly), the same with the minimum raised to N (the fix a
/// blocking service reaches for), and the asynchronous version (the fix that needs no thread per call). Every sample
/// is a fresh process: injected threads stay alive for about 20 s, so a warm process would hide the problem. The
/// report gives each row's threads injected and peak threads beside its time.
/// </summary>
[Question("Thread-pool starvation: blocking calls queued on the pool, shown and fixed", QuestionKind.BaselineComparison, Order = 7)]
[BenchmarkCategory(Categories.IoBound)]
[ColdProcessPerSample]
public class ThreadPoolStarvation
{
    private ApiAggregationWorkload _workload = null!;
    private string[] _expected = [];
    private ThreadCensus? _census;
    private AnswerCheck? _check;

    /// <summary>The blocking calls per operation.</summary>
    [Params(200), Input(Input.Items)]
    public int N { get; set; }

    /// <summary>The latency of one call, in milliseconds.</summary>
    [Params(50), Input(Input.LatencyMilliseconds)]
    public int LatencyMs { get; set; }

    /// <summary>Creates the workload and starts the census; the pool keeps its default minimum.</summary>
    [GlobalSetup]
    public void CreateWorkload()
    {
        _workload = new ApiAggregationWorkload(N, TimeSpan.FromMilliseconds(LatencyMs));
        _expected = [.. Enumerable.Range(0, N).Select(i => string.Concat("data-", i.ToString(CultureInfo.InvariantCulture)))];
        _census = ThreadCensus.Start();
    }

    /// <summary>Raises the pool's minimum to N before the census starts (the fix for blocking code).</summary>
    [GlobalSetup(Target = nameof(TaskRunBlocking_RaisedMinimum))]
    public void RaiseMinimum()
    {
        ThreadPool.GetMinThreads(out _, out int io);
        ThreadPool.SetMinThreads(N, io);
        CreateWorkload();
    }

    /// <summary>Reports the census and what was checked to the runner.</summary>
    [GlobalCleanup]
    public void ReportFacts()
    {
        _census?.Dispose();
        if (_check is not null)
        {
            BenchmarkFacts.Report(_check, _census);
        }
    }

    /// <summary>Task.Run per blocking call, the pool at its default minimum: starved until it has injected enough threads.</summary>
    [Benchmark(Baseline = true), Waits(WaitKind.BlockingPool)]
    public Task<string[]> TaskRunBlocking_DefaultMinimum() => Measure(ConcurrencyStrategies.TaskRunPerItem);

    /// <summary>The same calls with the pool's minimum raised to N: a thread for every call from the start.</summary>
    [Benchmark, Waits(WaitKind.BlockingPool)]
    public Task<string[]> TaskRunBlocking_RaisedMinimum() => Measure(ConcurrencyStrategies.TaskRunPerItem);

    /// <summary>The asynchronous calls with Task.WhenAll: no thread is held while a call waits.</summary>
    [Benchmark, Waits(WaitKind.Async)]
    public Task<string[]> Async_TaskWhenAll() => Measure(ConcurrencyStrategies.TaskWhenAll);

    private async Task<string[]> Measure(IConcurrencyStrategy strategy, [System.Runtime.CompilerServices.CallerMemberName] string method = "")
    {
        string[] results = await strategy.RunAsync(_workload).ConfigureAwait(false);
        (_check ??= new AnswerCheck(BenchmarkFacts.NameOf(this, method))).CallItems(_expected, results);
        return results;
    }
}
