using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// What a process costs before it computes anything: starting one (alone), starting one and waiting for it to
/// finish (for a worker: start, version handshake, exit), and a steady-state round trip of a tiny item through a
/// pool worker against the same call in process. <c>/bin/true</c> is the floor. The JIT worker is each start
/// category's baseline, so Ratio reads "fraction of the JIT worker's time".
/// </summary>
[BenchmarkCategory(Categories.Processes)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ProcessStartup
{
    private const string Start = "Start";
    private const string StartAndExit = "StartAndExit";
    private const string RoundTrip = "RoundTrip";
    private static readonly TimeSpan Handshake = TimeSpan.FromSeconds(30);

    private WorkerLaunch _jit = null!;
    private WorkerLaunch? _aot;
    private Process? _started;
    private ProcessPool? _pool;
    private readonly DiagnosticWorkload _tiny = new(1);
    private int _lastAnswer = -1;

    /// <summary>Finds both workers; the AOT one may be missing (its benchmarks then fail with a clear message).</summary>
    [GlobalSetup]
    public void FindWorkers()
    {
        _jit = WorkerLocator.Find(WorkerFlavor.Jit);
        _aot = WorkerLocator.TryFind(WorkerFlavor.NativeAot);
    }

    /// <summary>Starts a one-worker pool for the round trip.</summary>
    [GlobalSetup(Target = nameof(RoundTrip_PoolWorker))]
    public void StartPool()
    {
        FindWorkers();
        _pool = ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1 }).GetAwaiter().GetResult();
    }

    /// <summary>Ends the pool and checks the round trip's answer.</summary>
    [GlobalCleanup(Target = nameof(RoundTrip_PoolWorker))]
    public void StopPool()
    {
        _pool?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        CheckAnswer();
    }

    /// <summary>Checks the in-process round trip's answer.</summary>
    [GlobalCleanup(Target = nameof(RoundTrip_InProcess))]
    public void CheckAnswer() => ResultCheck.ThrowIfWrong(nameof(ProcessStartup), [0], [_lastAnswer]);

    /// <summary>Reaps the process a Start benchmark left running (not measured).</summary>
    [IterationCleanup(Targets = [nameof(Start_BinTrue), nameof(Start_JitWorker), nameof(Start_AotWorker)])]
    public void ReapStarted()
    {
        if (_started is null)
        {
            throw new InvalidOperationException("the Start benchmark started no process.");
        }

        _started.StandardInput.Close();
        _started.WaitForExit();
        _started.Dispose();
        _started = null;
    }

    /// <summary>Process.Start of /bin/true, the floor: fork and exec, nothing else.</summary>
    [Benchmark, BenchmarkCategory(Start)]
    public int Start_BinTrue() => StartOnly("/bin/true", []);

    /// <summary>Process.Start of the JIT worker (the dotnet host), without waiting for it.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Start)]
    public int Start_JitWorker() => StartOnly(_jit.FileName, _jit.Arguments);

    /// <summary>Process.Start of the NativeAOT worker, without waiting for it.</summary>
    [Benchmark, BenchmarkCategory(Start)]
    public int Start_AotWorker() => StartOnly(Aot.FileName, Aot.Arguments);

    /// <summary>/bin/true started and waited for.</summary>
    [Benchmark, BenchmarkCategory(StartAndExit)]
    public async Task<int> StartAndWaitForExit_BinTrue()
    {
        using Process process = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        await process.WaitForExitAsync().ConfigureAwait(false);
        return process.ExitCode == 0 ? 0 : throw new InvalidOperationException($"/bin/true exited with {process.ExitCode}");
    }

    /// <summary>The JIT worker started, handshaken and ended (its input closed, its exit awaited).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(StartAndExit)]
    public Task<int> StartHandshakeExit_JitWorker() => StartHandshakeExit(_jit);

    /// <summary>The NativeAOT worker started, handshaken and ended.</summary>
    [Benchmark, BenchmarkCategory(StartAndExit)]
    public Task<int> StartHandshakeExit_AotWorker() => StartHandshakeExit(Aot);

    /// <summary>A tiny item computed in process, through the same strategy interface: the floor of a round trip.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(RoundTrip)]
    public async Task<int> RoundTrip_InProcess() => _lastAnswer = (await ConcurrencyStrategies.Sequential.RunAsync(_tiny).ConfigureAwait(false))[0];

    /// <summary>The same tiny item sent to a warm pool worker and back.</summary>
    [Benchmark, BenchmarkCategory(RoundTrip)]
    public async Task<int> RoundTrip_PoolWorker() => _lastAnswer = (await _pool!.RunAsync(_tiny).ConfigureAwait(false))[0];

    private WorkerLaunch Aot => _aot ?? throw new InvalidOperationException(
        "no NativeAOT worker: run scripts/publish-worker-aot.sh (the suite does it itself when it can).");

    private static async Task<int> StartHandshakeExit(WorkerLaunch launch)
    {
        WorkerProcess worker = await WorkerProcess.StartAsync(launch, Handshake).ConfigureAwait(false);
        int pid = worker.ProcessId;
        await worker.DisposeAsync().ConfigureAwait(false);
        return pid;
    }

    private int StartOnly(string fileName, IReadOnlyList<string> arguments)
    {
        // Standard input is redirected so the worker, once reaped, sees its input close and exits.
        var info = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        _started = Process.Start(info)!;
        return _started.Id;
    }
}
