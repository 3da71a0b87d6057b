using System.Diagnostics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Cluster;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// What a process costs before it computes anything: starting one (alone), starting one and waiting for it to
/// finish (for a worker: start, version handshake, exit), and a steady-state round trip of a tiny item through a
/// pool worker against the same call in process. <c>/bin/true</c> is the floor. The JIT worker is each start
/// category's baseline, so Ratio reads "fraction of the JIT worker's time".
/// </summary>
[Question("Starting processes: what does a process cost before it computes anything?", QuestionKind.BaselineComparison, Order = 3)]
[BenchmarkCategory(Categories.Processes)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ProcessStartup
{
    private const string Start = "Start";
    private const string StartAndExit = "StartAndExit";
    private const string RoundTrip = "RoundTrip";
    private const int RoundTripsPerInvoke = 8;
    private static readonly TimeSpan Handshake = TimeSpan.FromSeconds(30);

    private WorkerLaunch _jit = null!;
    private WorkerLaunch? _aot;
    private Process? _started;
    private ProcessPool? _pool;
    private ClusterRows? _cluster;
    private ClusterFacts? _clusterFacts;
    // Tiny items whose answers differ and that a default value cannot fake: one prime, one composite, alternately.
    private readonly PrimeCheckWorkload[] _tiny = [new([97]), new([91])];
    private int _turn;
    private AnswerCheck? _check;

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

    /// <summary>Ends the pool, then reports what was checked.</summary>
    [GlobalCleanup(Target = nameof(RoundTrip_PoolWorker))]
    public void StopPool()
    {
        _pool?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        ReportFacts();
    }

    /// <summary>Starts a cluster of one silo with one grain for the round trip (its start is set-up, not measured).</summary>
    [GlobalSetup(Target = nameof(RoundTrip_ClusterGrain))]
    public void StartCluster()
    {
        FindWorkers();
        _cluster = ClusterRows.Start(silos: 1, ClusterPlacement.DistinctKeys, workers: 1, minWarmUp: TimeSpan.FromSeconds(4));
    }

    /// <summary>Ends the cluster, then reports what was checked and the cluster's time to ready.</summary>
    [GlobalCleanup(Target = nameof(RoundTrip_ClusterGrain))]
    public void StopCluster()
    {
        try
        {
            _clusterFacts = _cluster?.Stop();
        }
        finally
        {
            ReportFacts();
        }
    }

    /// <summary>Reports what was checked to the runner.</summary>
    [GlobalCleanup]
    public void ReportFacts()
    {
        if (_check is not null)
        {
            BenchmarkFacts.Report(_check, cluster: _clusterFacts);
        }
    }

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
    [Benchmark, BenchmarkCategory(Start), Floor]
    public int Start_BinTrue() => StartOnly("/bin/true", []);

    /// <summary>Process.Start of the JIT worker (the dotnet host), without waiting for it.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(Start), WorkerBuild(WorkerBuildKind.Jit)]
    public int Start_JitWorker() => StartOnly(_jit.FileName, _jit.Arguments);

    /// <summary>Process.Start of the NativeAOT worker, without waiting for it.</summary>
    [Benchmark, BenchmarkCategory(Start), WorkerBuild(WorkerBuildKind.NativeAot)]
    public int Start_AotWorker() => StartOnly(Aot.FileName, Aot.Arguments);

    /// <summary>/bin/true started and waited for.</summary>
    [Benchmark, BenchmarkCategory(StartAndExit), Floor]
    public async Task<int> StartAndWaitForExit_BinTrue()
    {
        using Process process = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        await process.WaitForExitAsync().ConfigureAwait(false);
        Check().Call(0, process.ExitCode);
        return process.ExitCode;
    }

    /// <summary>The JIT worker started, handshaken and ended (its input closed, its exit awaited).</summary>
    [Benchmark(Baseline = true), BenchmarkCategory(StartAndExit), WorkerBuild(WorkerBuildKind.Jit)]
    public Task<int> StartHandshakeExit_JitWorker() => StartHandshakeExit(_jit, Check());

    /// <summary>The NativeAOT worker started, handshaken and ended.</summary>
    [Benchmark, BenchmarkCategory(StartAndExit), WorkerBuild(WorkerBuildKind.NativeAot)]
    public Task<int> StartHandshakeExit_AotWorker() => StartHandshakeExit(Aot, Check());

    /// <summary>A tiny item computed in process, through the same strategy interface: the floor of a round trip.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTripsPerInvoke), BenchmarkCategory(RoundTrip), Floor]
    public Task<int> RoundTrip_InProcess() => RoundTripsOf(ConcurrencyStrategies.Sequential);

    /// <summary>The same tiny item sent to a warm pool worker and back.</summary>
    [Benchmark(OperationsPerInvoke = RoundTripsPerInvoke), BenchmarkCategory(RoundTrip), Role(RowRoles.Pool)]
    public Task<int> RoundTrip_PoolWorker() => RoundTripsOf(_pool!);

    /// <summary>The same tiny item sent as a grain call to a warm one-silo Orleans cluster and back.</summary>
    [Benchmark(OperationsPerInvoke = RoundTripsPerInvoke), BenchmarkCategory(RoundTrip), Role(RowRoles.Cluster)]
    public Task<int> RoundTrip_ClusterGrain() => RoundTripsOf(_cluster!.Strategy);

    private WorkerLaunch Aot => _aot ?? throw new InvalidOperationException(
        "no NativeAOT worker: run scripts/publish-worker-aot.sh (the suite does it itself when it can).");

    // The handshake itself checks the worker's protocol version; the answer checked here is that a process ran.
    private static async Task<int> StartHandshakeExit(WorkerLaunch launch, AnswerCheck check)
    {
        WorkerProcess worker = await WorkerProcess.StartAsync(launch, Handshake).ConfigureAwait(false);
        int pid = worker.ProcessId;
        await worker.DisposeAsync().ConfigureAwait(false);
        check.Call(true, pid > 0);
        return pid;
    }

    // A few round trips in a row from one asynchronous caller, as a program that awaits its calls makes them: each
    // call's continuation runs where its answer arrives, and BenchmarkDotNet's own wait for the benchmark's task (a
    // thread woken per invocation) is shared by all of them instead of added to each.
    private async Task<int> RoundTripsOf(IConcurrencyStrategy strategy, [CallerMemberName] string method = "")
    {
        int turn = 0;
        for (int i = 0; i < RoundTripsPerInvoke; i++)
        {
            turn = await RoundTripOf(strategy, method).ConfigureAwait(false);
        }

        return turn;
    }

    // Prime, composite, prime...: each call's answer is known, and differs from the last one's.
    private async Task<int> RoundTripOf(IConcurrencyStrategy strategy, [CallerMemberName] string method = "")
    {
        int turn = _turn++ & 1;
        bool[] answer = await strategy.RunAsync(_tiny[turn]).ConfigureAwait(false);
        Check(method).Call(turn == 0, answer[0]);
        return turn;
    }

    private AnswerCheck Check([CallerMemberName] string method = "") => _check ??= new AnswerCheck(BenchmarkFacts.NameOf(this, method));

    private int StartOnly(string fileName, IReadOnlyList<string> arguments, [CallerMemberName] string caller = "")
    {
        // Standard input is redirected so the worker, once reaped, sees its input close and exits.
        var info = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        _started = Process.Start(info)!;
        Check(caller).Call(true, _started.Id > 0);
        return _started.Id;
    }
}
