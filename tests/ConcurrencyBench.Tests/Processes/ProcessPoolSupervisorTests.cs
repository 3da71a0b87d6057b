using System.Buffers;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Tests.Support;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Processes;

public sealed class ProcessPoolSupervisorTests
{
    [Fact]
    public async Task RunAsync_WorkerKilledWhileItHoldsAnItem_TheItemIsSentAgainOnceAndNothingIsLost()
    {
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1 });
        WorkerProcess first = pool.WorkerIn(0)!;
        // Item 6's first request makes the worker hang in it: the kill lands while the item is the worker's, every
        // time. Its second request is an ordinary one.
        var workload = new DispatchCounter(new DiagnosticWorkload(40), killAfter: 0) { HangOnFirstDispatchOf = 6, RequestsSent = () => first.Connection.RequestsSent };

        Task<int[]> run = pool.RunAsync(workload);
        long sentBefore = await workload.HangDispatched.WaitAsync(Eventually.Bound);
        // Written whole: the worker has the request, whatever it does next.
        await Eventually.TrueAsync(() => first.Connection.RequestsSent > sentBefore && !first.Connection.WriteInProgress);
        int? killed = pool.KillWorker(0);
        int[] results = await run.WaitAsync(Eventually.Bound);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * i), results);
        Assert.Equal(first.ProcessId, killed);
        Assert.False(ProcessProbe.IsAlive(first.ProcessId));
        Assert.Equal(1, pool.Replacements);
        // Each item was sent once, except the one the killed worker held, which was sent again: nothing lost, nothing doubled.
        Assert.Equal([6], workload.RedispatchedIndices);
        Assert.Equal(41, workload.Dispatches);
    }

    [Fact]
    public async Task RunAsync_WorkerKilledInTheMiddleOfAnAnswer_TheItemIsSentAgainOnceAndNothingIsLost()
    {
        string folder = Directory.CreateTempSubdirectory("cb-mid-answer-").FullName;
        try
        {
            // The worker runs behind a proxy that relays its frames and, at its third answer (item 2: one worker
            // takes the items in order), sends the header and half the body, then SIGKILLs the worker and itself.
            // The pool's replacements run behind the same proxy, which relays them whole (the cut is claimed once).
            WorkerLaunch real = WorkerLocator.Find();
            var proxied = new WorkerLaunch("python3", [Path.Combine(AppContext.BaseDirectory, "mid-answer-proxy.py"), folder, "3", real.FileName, .. real.Arguments], real.IsNativeAot);
            await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, Worker = proxied });
            int proxy = pool.WorkerProcessIds.Single();
            var workload = new DispatchCounter(new DiagnosticWorkload(8), killAfter: 0);

            int[] results = await pool.RunAsync(workload).WaitAsync(Eventually.Bound);

            // The cut happened where it was meant to: part of a response frame, not none and not all of it.
            string[] cut = File.ReadAllText(Path.Combine(folder, "cut")).Split(' ', StringSplitOptions.TrimEntries);
            int sent = int.Parse(cut[0], System.Globalization.CultureInfo.InvariantCulture);
            int whole = int.Parse(cut[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(sent, 6, whole - 1);
            Assert.Equal(Enumerable.Range(0, 8).Select(i => i * i), results);
            Assert.Equal([2], workload.RedispatchedIndices);
            Assert.Equal(9, workload.Dispatches);
            Assert.Equal(1, pool.Replacements);
            Assert.Empty(await ProcessProbe.WaitAllDeadAsync([proxy, int.Parse(cut[2], System.Globalization.CultureInfo.InvariantCulture)]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_HungWorker_TimesOutIsReplacedAndTheItemFailsNamingIt()
    {
        // The only item hangs, so no other item can be the one that times out, however loaded the machine; the
        // timeout is many times what an ordinary item takes, for the run that checks the pool still works.
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions
        {
            Workers = 2,
            ItemTimeout = TimeSpan.FromSeconds(5),
            MaxAttempts = 1,
        });
        int[] before = [.. pool.WorkerProcessIds];

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => pool.RunAsync(new DiagnosticWorkload(1, DiagnosticBehavior.HangAtIndex, targetIndex: 0)));

        Assert.Contains("item 0", ex.Message);
        // Killed and reaped before the run returned.
        Assert.Single(before, pid => !ProcessProbe.IsAlive(pid));

        // The pool still works: its hung worker is replaced.
        int[] results = await pool.RunAsync(new DiagnosticWorkload(4));
        Assert.Equal([0, 1, 4, 9], results);
        Assert.Equal(1, pool.Replacements);
    }

    [Fact]
    public async Task RunAsync_ItemCrashesEveryWorker_FailsAfterMaxAttemptsNamingItAndTheExitCode()
    {
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 2, MaxAttempts = 3 });

        var ex = await Assert.ThrowsAsync<WorkerExitedException>(() => pool.RunAsync(new DiagnosticWorkload(5, DiagnosticBehavior.CrashAtIndex, targetIndex: 2)));

        Assert.Contains("item 2", ex.Message);
        Assert.Contains("3 workers", ex.Message);
        Assert.Contains($"code {DiagnosticWorkload.CrashExitCode}", ex.Message);
        Assert.Equal(new[] { 0, 1, 4 }, await pool.RunAsync(new DiagnosticWorkload(3)));
    }

    [Fact]
    public async Task RunAsync_ReplacementCannotStart_FailsAsAStartFailureNotAsLostWorkers()
    {
        string folder = Directory.CreateTempSubdirectory("cb-missing-worker-").FullName;
        try
        {
            // A worker program that is there when the pool starts and gone when it needs a replacement.
            WorkerLaunch real = WorkerLocator.Find();
            string script = Path.Combine(folder, "worker.sh");
            File.WriteAllText(script, $"#!/bin/sh\nexec '{real.FileName}' {string.Join(' ', real.Arguments.Select(a => $"'{a}'"))} \"$@\"\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, MaxAttempts = 3, Worker = new WorkerLaunch(script, [], false) });
            File.Delete(script);
            int pid = pool.WorkerProcessIds.Single();
            pool.KillWorker(0);
            Assert.Empty(await ProcessProbe.WaitAllDeadAsync([pid]));

            var ex = await Assert.ThrowsAsync<WorkerExitedException>(() => pool.RunAsync(new DiagnosticWorkload(3)));

            Assert.Contains("cannot start", ex.Message);
            Assert.DoesNotContain("lost", ex.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_WorkerDiedIdleBeforeItsNextItemWasSent_TheItemIsNotCharged()
    {
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, MaxAttempts = 1 });
        // The worker dies after the pool chose it for item 0 and before the request was written: it was idle, and
        // the item was never its own. With a single attempt, charging the item would fail it uncomputed.
        var workload = new DispatchCounter(new DiagnosticWorkload(3), killAfter: 1)
        {
            OnThreshold = () =>
            {
                WorkerProcess worker = pool.WorkerIn(0)!;
                pool.KillWorker(0);
                // Its end of the pipe is closed once every thread has exited, which comes after the process shows
                // as dead in /proc: wait for the parent to read the end of its output, which comes after that.
                Assert.True(worker.Connection.Completion.Wait(TimeSpan.FromSeconds(30)));
            },
        };

        int[] results = await pool.RunAsync(workload);

        Assert.Equal([0, 1, 4], results);
        Assert.Equal([0], workload.RedispatchedIndices);
        Assert.Equal(1, pool.Replacements);
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsBusyWorkersAndDisposeEndsTheRest()
    {
        var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 2 });
        int[] pids = [.. pool.WorkerProcessIds];
        using var cts = new CancellationTokenSource();
        var workload = new DispatchCounter(new DiagnosticWorkload(10, DiagnosticBehavior.BlockUntilCancelled), killAfter: 2)
        {
            OnThreshold = () => cts.CancelAfter(200),
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pool.RunAsync(workload, cts.Token));

        // Both workers held a blocked item: both were killed before the call returned.
        Assert.All(pids, pid => Assert.False(ProcessProbe.IsAlive(pid)));
        Assert.Equal(new[] { 0, 1 }, await pool.RunAsync(new DiagnosticWorkload(2)));
        int[] replacements = [.. pool.WorkerProcessIds];
        await pool.DisposeAsync();
        Assert.Empty(await ProcessProbe.WaitAllDeadAsync(replacements));
        Assert.Empty(WorkerRegistry.LiveProcessIds.Intersect(replacements));
    }

    [Fact]
    public async Task ProcessPerItem_Cancelled_NoChildAlive()
    {
        var strategy = new ProcessPerItem(new ProcessStrategyOptions { Workers = 3 });
        using var cts = new CancellationTokenSource();
        var seen = new HashSet<int>();
        var workload = new DispatchCounter(new DiagnosticWorkload(10, DiagnosticBehavior.BlockUntilCancelled), killAfter: 3)
        {
            OnThreshold = () =>
            {
                lock (seen)
                {
                    seen.UnionWith(strategy.WorkerProcessIds);
                }

                cts.CancelAfter(200);
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => strategy.RunAsync(workload, cts.Token));

        Assert.NotEmpty(seen);
        Assert.All(seen, pid => Assert.False(ProcessProbe.IsAlive(pid)));
        Assert.Empty(strategy.WorkerProcessIds);
    }

    [Fact]
    public async Task RunAsync_WorkloadWithoutRemoteForm_ThrowsArgumentException()
    {
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1 });

        await Assert.ThrowsAsync<ArgumentException>(() => pool.RunAsync(new LocalOnlyWorkload()));
    }

    [Fact]
    public async Task StartAsync_BadOptions_ThrowArgumentOutOfRange()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 0 }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ProcessPool.StartAsync(new ProcessStrategyOptions { MaxAttempts = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessPerItem(new ProcessStrategyOptions { ItemTimeout = TimeSpan.Zero }));
    }

    /// <summary>Counts the requests a strategy sends, and calls back once when a threshold is reached.</summary>
    private sealed class DispatchCounter(DiagnosticWorkload inner, int killAfter) : IRemoteWorkload<int>
    {
        private readonly HashSet<int> _sent = [];
        private int _dispatches;

        private readonly TaskCompletionSource<long> _hangDispatched = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Action? OnThreshold { get; set; }

        /// <summary>Gets or sets the item whose first request makes the worker hang in it (-1: none).</summary>
        public int HangOnFirstDispatchOf { get; init; } = -1;

        /// <summary>Gets or sets how many requests the worker's connection had begun (read as the hanging request is written).</summary>
        public Func<long>? RequestsSent { get; init; }

        /// <summary>Completes, with <see cref="RequestsSent"/> before it, when the hanging request is being sent.</summary>
        public Task<long> HangDispatched => _hangDispatched.Task;

        public int Dispatches => Volatile.Read(ref _dispatches);

        public List<int> RedispatchedIndices { get; } = [];

        public string Id => inner.Id;

        public int Count => inner.Count;

        public int Execute(int index, CancellationToken cancellationToken) => inner.Execute(index, cancellationToken);

        public ValueTask<int> ExecuteAsync(int index, CancellationToken cancellationToken) => inner.ExecuteAsync(index, cancellationToken);

        public void WriteRequest(int index, IBufferWriter<byte> writer)
        {
            lock (_sent)
            {
                if (!_sent.Add(index))
                {
                    RedispatchedIndices.Add(index);
                }
            }

            if (Interlocked.Increment(ref _dispatches) == killAfter)
            {
                OnThreshold?.Invoke();
            }

            if (index == HangOnFirstDispatchOf && !RedispatchedIndices.Contains(index))
            {
                new DiagnosticWorkload(inner.Count, DiagnosticBehavior.HangAtIndex, targetIndex: index).WriteRequest(index, writer);
                _hangDispatched.TrySetResult(RequestsSent?.Invoke() ?? 0);
                return;
            }

            inner.WriteRequest(index, writer);
        }

        public int ReadResult(ReadOnlySequence<byte> payload) => inner.ReadResult(payload);
    }

    private sealed class LocalOnlyWorkload : IWorkload<int>
    {
        public string Id => "local-only";

        public int Count => 1;

        public int Execute(int index, CancellationToken cancellationToken) => 1;

        public ValueTask<int> ExecuteAsync(int index, CancellationToken cancellationToken) => ValueTask.FromResult(1);
    }
}
