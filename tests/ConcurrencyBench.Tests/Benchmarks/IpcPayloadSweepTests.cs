using System.Reflection;
using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks;
using ConcurrencyBench.Tests.Ipc;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Benchmarks;

/// <summary>The IPC sweep's transport rows against a stopped worker (SIGSTOP): each row fails at its call's deadline, in one clear exception.</summary>
[Collection(IpcCollection.Name)]
public sealed class IpcPayloadSweepTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // Each row and what its timeout says: the transport's name, or the plain-C floor's (its child is the "worker").
    private static readonly (string Row, string Says)[] Rows =
    [
        (nameof(IpcPayloadSweep.PipeEcho), "the pipe transport"),
        (nameof(IpcPayloadSweep.PipeOneWay), "the pipe transport"),
        (nameof(IpcPayloadSweep.UnixSocketEcho), "the unix-socket transport"),
        (nameof(IpcPayloadSweep.UnixSocketOneWay), "the unix-socket transport"),
        (nameof(IpcPayloadSweep.SharedMemoryHandOff), "the shared-memory transport"),
        (nameof(IpcPayloadSweep.SharedMemoryOneWay), "the shared-memory transport"),
        (nameof(IpcPayloadSweep.SharedMemoryPipeSignal), "the shared-memory-pipe-signal transport"),
        (nameof(IpcPayloadSweep.PlainCPipeEcho), "the plain-C echo"),
        (nameof(IpcPayloadSweep.PlainCSocketEcho), "the plain-C echo"),
    ];

    // 1 KiB: the call waits for an answer; 16 MiB: through pipes and the socket, it is blocked writing as well.
    public static TheoryData<string, string, int> TransportRows
    {
        get
        {
            var rows = new TheoryData<string, string, int>();
            foreach ((string row, string says) in Rows)
            {
                rows.Add(row, says, 1 << 10);
                rows.Add(row, says, 16 << 20);
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(TransportRows))]
    public async Task TransportRow_WorkerStopped_FailsAtTheCallDeadlineNamingTheTransportAndKillsTheWorker(string row, string says, int payloadBytes)
    {
        // One second: a call takes microseconds to milliseconds, and a stopped worker never answers, however loaded
        // the machine.
        var sweep = new IpcPayloadSweep { PayloadBytes = payloadBytes, CallTimeout = TimeSpan.FromSeconds(1) };
        await Task.Run(() => GlobalSetupOf(row).Invoke(sweep, null)).WaitAsync(Bound);
        int pid = sweep.WorkerProcessId;
        try
        {
            Signals.Stop(pid);
            // Stopped for certain before the call: kill returns before every thread has stopped (stress run 7 of a
            // series once saw a 1 KiB echo answered by a worker not yet stopped on a loaded machine).
            await Eventually.TrueAsync(() => ProcessProbe.IsStopped(pid));

            Exception? ex = await Record.ExceptionAsync(() => Task.Run(() => CallAsync(sweep, row)).WaitAsync(Bound));

            var timeout = Assert.IsType<TimeoutException>(ex);
            Assert.Contains($"{says} did not answer within the 1 s deadline", timeout.Message);
            Assert.Contains($"IpcPayloadSweep.{row}(PayloadBytes={payloadBytes})", timeout.Message);
            Assert.Empty(await ProcessProbe.WaitAllDeadAsync([pid]));
        }
        finally
        {
            Signals.Kill(pid);
            await Task.Run(sweep.ReportAndClose).WaitAsync(Bound);
        }
    }

    // The row called as BenchmarkDotNet calls it: an asynchronous row awaited, a synchronous one's exception unwrapped.
    private static async Task CallAsync(IpcPayloadSweep sweep, string row)
    {
        object? result;
        try
        {
            result = typeof(IpcPayloadSweep).GetMethod(row)!.Invoke(sweep, null);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }

        if (result is Task task)
        {
            await task;
        }
    }

    // The row's setup, found as BenchmarkDotNet finds it.
    private static MethodInfo GlobalSetupOf(string row) =>
        typeof(IpcPayloadSweep).GetMethods().Single(m => m.GetCustomAttribute<GlobalSetupAttribute>() is { } setup
            && setup.Targets.Contains(row));
}
