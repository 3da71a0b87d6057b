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

    private static readonly (string Row, string Transport)[] Rows =
    [
        (nameof(IpcPayloadSweep.PipeEcho), "pipe"),
        (nameof(IpcPayloadSweep.PipeOneWay), "pipe"),
        (nameof(IpcPayloadSweep.UnixSocketEcho), "unix-socket"),
        (nameof(IpcPayloadSweep.UnixSocketOneWay), "unix-socket"),
        (nameof(IpcPayloadSweep.SharedMemoryHandOff), "shared-memory"),
        (nameof(IpcPayloadSweep.SharedMemoryOneWay), "shared-memory"),
        (nameof(IpcPayloadSweep.SharedMemoryPipeSignal), "shared-memory-pipe-signal"),
    ];

    // 1 KiB: the call waits for an answer; 16 MiB: through pipes and the socket, it is blocked writing as well.
    public static TheoryData<string, string, int> TransportRows
    {
        get
        {
            var rows = new TheoryData<string, string, int>();
            foreach ((string row, string transport) in Rows)
            {
                rows.Add(row, transport, 1 << 10);
                rows.Add(row, transport, 16 << 20);
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(TransportRows))]
    public async Task TransportRow_WorkerStopped_FailsAtTheCallDeadlineNamingTheTransportAndKillsTheWorker(string row, string transport, int payloadBytes)
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

            Exception? ex = await Record.ExceptionAsync(() => Task.Run(() => (Task)typeof(IpcPayloadSweep).GetMethod(row)!.Invoke(sweep, null)!).WaitAsync(Bound));

            var timeout = Assert.IsType<TimeoutException>(ex);
            Assert.Contains($"the {transport} transport did not answer within the 1 s deadline", timeout.Message);
            Assert.Contains($"IpcPayloadSweep.{row}(PayloadBytes={payloadBytes})", timeout.Message);
            Assert.Empty(await ProcessProbe.WaitAllDeadAsync([pid]));
        }
        finally
        {
            Signals.Kill(pid);
            await Task.Run(sweep.ReportAndClose).WaitAsync(Bound);
        }
    }

    // The row's setup, found as BenchmarkDotNet finds it.
    private static MethodInfo GlobalSetupOf(string row) =>
        typeof(IpcPayloadSweep).GetMethods().Single(m => m.GetCustomAttribute<GlobalSetupAttribute>() is { } setup
            && setup.Targets.Contains(row));
}
