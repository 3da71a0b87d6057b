using System.Buffers;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Tests.Support;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Processes;

public sealed class ProcessPoolSupervisorTests
{
    // The pool's supervisor tests run with one item in flight per worker (the default) and with several: a worker then
    // holds the item it computes and the items queued behind it.
    public static TheoryData<int> InFlight => [1, 4];

    [Theory]
    [MemberData(nameof(InFlight))]
    public async Task RunAsync_WorkerKilledWhileItHoldsAnItem_TheItemIsSentAgainOnceAndNothingIsLost(int inFlight)
    {
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, InFlightPerWorker = inFlight });
        WorkerProcess first = pool.WorkerIn(0)!;
        // Item 6's first request makes the worker hang in it: the kill lands while the item is the worker's, every
        // time. Its second request is an ordinary one.
        var workload = new DispatchCounter(new DiagnosticWorkload(40), killAfter: 0) { HangOnFirstDispatchOf = 6, RequestsSent = () => [first.Connection.RequestsSent] };

        Task<int[]> run = pool.RunAsync(workload);
        // With the items queued behind it (the window fills while the worker hangs).
        int? killed = await workload.KillWhenItHoldsAsync(pool, first, inFlight);
        int[] results = await run.WaitAsync(Eventually.Bound);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * i), results);
        Assert.Equal(first.ProcessId, killed);
        Assert.False(ProcessProbe.IsAlive(first.ProcessId));
        Assert.Equal(1, pool.Replacements);
        // Each item was sent once, except those the killed worker held (the hung one and those queued behind it),
        // which were sent again once: nothing lost, nothing doubled.
        Assert.Equal(Enumerable.Range(6, inFlight), workload.RedispatchedIndices);
        Assert.Equal(40 + inFlight, workload.Dispatches);
    }

    [Theory]
    [MemberData(nameof(InFlight))]
    public async Task RunAsync_WorkerKilledInTheMiddleOfAnAnswer_TheItemIsSentAgainOnceAndNothingIsLost(int inFlight)
    {
        string folder = Directory.CreateTempSubdirectory("cb-mid-answer-").FullName;
        try
        {
            // The worker runs behind a proxy that relays its frames and, at its third answer (item 2: one worker
            // takes the items in order), sends the header and half the body, then SIGKILLs the worker and itself.
            // The pool's replacements run behind the same proxy, which relays them whole (the cut is claimed once).
            WorkerLaunch real = WorkerLocator.Find();
            var proxied = new WorkerLaunch("python3", [Path.Combine(AppContext.BaseDirectory, "mid-answer-proxy.py"), folder, "3", real.FileName, .. real.Arguments], real.IsNativeAot);
            await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, Worker = proxied, InFlightPerWorker = inFlight });
            int proxy = pool.WorkerProcessIds.Single();
            var workload = new DispatchCounter(new DiagnosticWorkload(8), killAfter: 0);

            int[] results = await pool.RunAsync(workload).WaitAsync(Eventually.Bound);

            // The cut happened where it was meant to: part of a response frame, not none and not all of it.
            string[] cut = File.ReadAllText(Path.Combine(folder, "cut")).Split(' ', StringSplitOptions.TrimEntries);
            int sent = int.Parse(cut[0], System.Globalization.CultureInfo.InvariantCulture);
            int whole = int.Parse(cut[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(sent, 6, whole - 1);
            Assert.Equal(Enumerable.Range(0, 8).Select(i => i * i), results);
            // The item whose answer was cut, then the items queued behind it (item 3 was sent with it; those sent as
            // items 0 and 1 were answered may or may not have gone before the worker died): each sent again once.
            int[] again = [.. workload.RedispatchedIndices];
            Assert.InRange(again.Length, Math.Min(2, inFlight), inFlight);
            Assert.Equal(Enumerable.Range(2, again.Length), again);
            Assert.Equal(8 + again.Length, workload.Dispatches);
            Assert.Equal(1, pool.Replacements);
            Assert.Empty(await ProcessProbe.WaitAllDeadAsync([proxy, int.Parse(cut[2], System.Globalization.CultureInfo.InvariantCulture)]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(InFlight))]
    public async Task RunAsync_HungWorker_TimesOutIsReplacedAndTheItemFailsNamingIt(int inFlight)
    {
        // The only item hangs, so no other item can be the one that times out, however loaded the machine; the
        // timeout is many times what an ordinary item takes, for the run that checks the pool still works.
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions
        {
            Workers = 2,
            ItemTimeout = TimeSpan.FromSeconds(5),
            MaxAttempts = 1,
            InFlightPerWorker = inFlight,
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

    [Theory]
    [MemberData(nameof(InFlight))]
    public async Task RunAsync_ItemCrashesEveryWorker_FailsAfterMaxAttemptsNamingItAndTheExitCode(int inFlight)
    {
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 2, MaxAttempts = 3, InFlightPerWorker = inFlight });

        var ex = await Assert.ThrowsAsync<WorkerExitedException>(() => pool.RunAsync(new DiagnosticWorkload(5, DiagnosticBehavior.CrashAtIndex, targetIndex: 2)));

        Assert.Contains("item 2", ex.Message);
        Assert.Contains("3 workers", ex.Message);
        Assert.Contains($"code {DiagnosticWorkload.CrashExitCode}", ex.Message);
        Assert.Equal(new[] { 0, 1, 4 }, await pool.RunAsync(new DiagnosticWorkload(3)));
    }

    [Theory]
    [MemberData(nameof(InFlight))]
    public async Task RunAsync_ReplacementCannotStart_FailsAsAStartFailureNotAsLostWorkers(int inFlight)
    {
        string folder = Directory.CreateTempSubdirectory("cb-missing-worker-").FullName;
        try
        {
            // A worker program that is there when the pool starts and gone when it needs a replacement.
            string script = WrappedWorker(folder, "");
            await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, MaxAttempts = 3, Worker = new WorkerLaunch(script, [], false), InFlightPerWorker = inFlight });
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

    [Theory]
    [MemberData(nameof(InFlight))]
    public async Task RunAsync_AReplacementKilledInItsOwnStart_IsStartedAgain_AndTheRunAnswersEverything(int inFlight)
    {
        string folder = Directory.CreateTempSubdirectory("cb-killed-start-").FullName;
        try
        {
            // The first start is the pool's own; the second (the first replacement) is killed before its handshake,
            // as a SIGKILL that lands while a worker starts; the third starts as the real worker does.
            string starts = Path.Combine(folder, "starts");
            string script = WrappedWorker(folder, $"echo >> '{starts}'\nif [ \"$(wc -l < '{starts}')\" -eq 2 ]; then kill -9 $$; fi\n");
            await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, Worker = new WorkerLaunch(script, [], false), InFlightPerWorker = inFlight });
            int pid = pool.WorkerProcessIds.Single();
            pool.KillWorker(0);
            Assert.Empty(await ProcessProbe.WaitAllDeadAsync([pid]));

            int[] results = await pool.RunAsync(new DiagnosticWorkload(4));

            Assert.Equal([0, 1, 4, 9], results);
            Assert.Equal(3, File.ReadAllLines(starts).Length);
            Assert.Equal(1, pool.Replacements); // the start that was killed replaced nothing
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(InFlight))]
    public async Task RunAsync_WorkerDiedIdleBeforeItsNextItemWasSent_TheItemIsNotCharged(int inFlight)
    {
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, MaxAttempts = 1, InFlightPerWorker = inFlight });
        // The worker dies after the pool chose it for item 0 and before the request was written: it was idle, and
        // the item was never its own. With a single attempt, charging the item would fail it uncomputed. Nothing more
        // goes to a worker known to be gone.
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

    [Theory]
    [MemberData(nameof(InFlight))]
    public async Task RunAsync_Cancelled_KillsBusyWorkersAndDisposeEndsTheRest(int inFlight)
    {
        var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 2, InFlightPerWorker = inFlight });
        int[] pids = [.. pool.WorkerProcessIds];
        using var cts = new CancellationTokenSource();
        // One request more than a worker may hold: both workers have one.
        var workload = new DispatchCounter(new DiagnosticWorkload(10, DiagnosticBehavior.BlockUntilCancelled), killAfter: inFlight + 1)
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
    public async Task RunAsync_WorkerKilledWhileItHoldsSeveralItems_EveryItemComputedOnceAndNoWorkerLeft()
    {
        const int InFlightPerWorker = 4;
        using var markers = new WorkerMarkers();
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 2, InFlightPerWorker = InFlightPerWorker });
        int[] first = [.. pool.WorkerProcessIds];
        // Item 5's first request makes its worker hang in it, so that worker's window fills and stays full: item 5 and
        // the items its slot took after it from the shared queue, while the other worker goes on. Each item sleeps
        // 50 ms, so that the other worker cannot take every item left (more than a second's work) before the hung
        // one's window has filled (its few items before item 5 answered).
        const int Count = 32;
        var workload = new DispatchCounter(new DiagnosticWorkload(Count, delayMs: 50, markerFolder: markers.Folder), killAfter: 0)
        {
            HangOnFirstDispatchOf = 5,
            RequestsSent = () => [.. Enumerable.Range(0, pool.Workers).Select(s => pool.WorkerIn(s)!.Connection.RequestsSent)],
        };

        Task<int[]> run = pool.RunAsync(workload);
        long[] sentBefore = await workload.HangDispatched.WaitAsync(Eventually.Bound);
        int slot = -1;
        await Eventually.TrueAsync(() => (slot = SlotRunning(pool, markers, 5)) >= 0);
        WorkerProcess holder = pool.WorkerIn(slot)!;
        // Item 5's request and the next three to its worker written whole: the window is those four (the worker never
        // answers item 5, so everything sent before it has been answered by then).
        await Eventually.TrueAsync(() => holder.Connection.RequestsSent >= sentBefore[slot] + InFlightPerWorker && !holder.Connection.WriteInProgress);
        int? killed = pool.KillWorker(slot);
        int[] results = await run.WaitAsync(Eventually.Bound);

        Assert.Equal(Enumerable.Range(0, Count).Select(i => i * i), results);
        Assert.Equal(holder.ProcessId, killed);
        Assert.Equal(1, pool.Replacements);
        // Sent again: the items the killed worker held, each once; every other item was sent once.
        Assert.Equal(InFlightPerWorker, workload.RedispatchedIndices.Count);
        Assert.Contains(5, workload.RedispatchedIndices);
        Assert.Equal(workload.RedispatchedIndices.Distinct(), workload.RedispatchedIndices);
        Assert.Equal(Count + InFlightPerWorker, workload.Dispatches);
        // Computed once: every item finished once, and only item 5 started twice (its first start hung in the killed
        // worker; the items queued behind it never started there).
        Assert.Equal(Enumerable.Range(0, Count), markers.FinishedIndices.Order());
        Assert.Equal(Enumerable.Range(0, Count).Append(5).Order(), markers.StartedIndices.Order());

        int[] workers = [.. first, .. pool.WorkerProcessIds];
        await pool.DisposeAsync();
        Assert.Empty(await ProcessProbe.WaitAllDeadAsync(workers));
        Assert.Empty(WorkerRegistry.LiveProcessIds.Intersect(workers));
    }

    [Fact]
    public async Task RunAsync_WorkersLostWithItemsQueuedBehindTheirItem_OnlyTheItemsTheyComputedAreCharged()
    {
        const int InFlightPerWorker = 4;
        using var markers = new WorkerMarkers();
        // Two attempts each, and two workers lost, each while it holds four items. Charging the items queued behind the
        // one a worker was computing would charge some of them for both losses, and fail them.
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, MaxAttempts = 2, InFlightPerWorker = InFlightPerWorker });
        WorkerProcess first = pool.WorkerIn(0)!;

        Task<int[]> run = pool.RunAsync(new DiagnosticWorkload(20, delayMs: 250, markerFolder: markers.Folder));
        // The first four requests written whole, and an item computing: the worker holds it and those queued behind it.
        await Eventually.TrueAsync(() => first.Connection.RequestsSent >= InFlightPerWorker && !first.Connection.WriteInProgress && markers.RunningIn(first.ProcessId).Length > 0);
        Assert.Equal(first.ProcessId, pool.KillWorker(0));
        Assert.Empty(await ProcessProbe.WaitAllDeadAsync([first.ProcessId]));
        // The loss was charged to the item the worker was computing or, if it died between two items, to the next one.
        int lastStarted = markers.StartedIn(first.ProcessId).Max();
        // The second loss falls on an item past both.
        WorkerProcess? second = null;
        await Eventually.TrueAsync(() => (second = pool.WorkerIn(0)) is { } w && !ReferenceEquals(w, first) && markers.RunningIn(w.ProcessId).Any(i => i >= lastStarted + 2));
        Assert.Equal(second!.ProcessId, pool.KillWorker(0));
        int[] results = await run.WaitAsync(Eventually.Bound);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * i), results);
        Assert.Equal(2, pool.Replacements);
        Assert.Equal(Enumerable.Range(0, 20), markers.FinishedIndices.Order());
        Assert.Empty(await ProcessProbe.WaitAllDeadAsync([first.ProcessId, second.ProcessId]));
    }

    [Fact]
    public async Task RunAsync_ItemCrashesEveryWorkerWithItemsQueuedBehindIt_ItAloneIsChargedAndFailsAfterMaxAttempts()
    {
        using var markers = new WorkerMarkers();
        await using var pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 1, MaxAttempts = 3, InFlightPerWorker = 4 });

        var ex = await Assert.ThrowsAsync<WorkerExitedException>(() => pool.RunAsync(new DiagnosticWorkload(8, DiagnosticBehavior.CrashAtIndex, targetIndex: 2, markerFolder: markers.Folder)));

        Assert.Contains("item 2 ", ex.Message);
        Assert.Contains("3 workers were lost", ex.Message);
        Assert.Contains($"code {DiagnosticWorkload.CrashExitCode}", ex.Message);
        // Item 2 started on three workers, each of which died in it; the items queued behind it went to each
        // replacement and never started (a worker computes in order). The run stops at its first failed item, so they
        // are not answered here: RunAsync_WorkersLostWithItemsQueuedBehindTheirItem_OnlyTheItemsTheyComputedAreCharged
        // shows queued items going on to succeed.
        Assert.Equal([0, 1, 2, 2, 2], markers.StartedIndices.Order());
        Assert.Equal(2, pool.Replacements);
        int[] after = await pool.RunAsync(new DiagnosticWorkload(4));
        Assert.Equal([0, 1, 4, 9], after);
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
        foreach (int inFlight in new[] { 0, ProcessStrategyOptions.MaxInFlightPerWorker + 1 })
        {
            var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ProcessPool.StartAsync(new ProcessStrategyOptions { InFlightPerWorker = inFlight }));
            Assert.Equal(nameof(ProcessStrategyOptions.InFlightPerWorker), ex.ParamName);
            Assert.Contains($"from 1 to {ProcessStrategyOptions.MaxInFlightPerWorker}", ex.Message);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessPerItem(new ProcessStrategyOptions { ItemTimeout = TimeSpan.Zero }));
    }

    // The slot whose worker is running item index now, or -1.
    private static int SlotRunning(ProcessPool pool, WorkerMarkers markers, int index) =>
        Enumerable.Range(0, pool.Workers).FirstOrDefault(s => pool.WorkerIn(s) is { } w && markers.RunningIn(w.ProcessId).Contains(index), -1);

    private sealed class LocalOnlyWorkload : IWorkload<int>
    {
        public string Id => "local-only";

        public int Count => 1;

        public int Execute(int index, CancellationToken cancellationToken) => 1;

        public ValueTask<int> ExecuteAsync(int index, CancellationToken cancellationToken) => ValueTask.FromResult(1);
    }

    // A shell script in folder that runs preamble, then becomes the suite's worker with its arguments.
    private static string WrappedWorker(string folder, string preamble)
    {
        WorkerLaunch real = WorkerLocator.Find();
        string script = Path.Combine(folder, "worker.sh");
        File.WriteAllText(script, $"#!/bin/sh\n{preamble}exec '{real.FileName}' {string.Join(' ', real.Arguments.Select(a => $"'{a}'"))} \"$@\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }
}
