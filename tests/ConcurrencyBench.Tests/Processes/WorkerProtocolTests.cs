using System.Buffers;
using System.Buffers.Binary;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Processes.Protocol;
using ConcurrencyBench.Tests.Support;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Processes;

public sealed class WorkerProtocolTests
{
    private static readonly TimeSpan Handshake = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartAsync_Handshake_ReportsPidAndFlavor()
    {
        WorkerLaunch launch = WorkerLocator.Find();
        await using WorkerProcess worker = await WorkerProcess.StartAsync(launch, Handshake);

        Assert.True(ProcessProbe.IsAlive(worker.ProcessId));
        Assert.Equal(launch.IsNativeAot, worker.IsNativeAot);
    }

    [Fact]
    public async Task StartAsync_VersionMismatch_ClearErrorAndTheWorkerExits()
    {
        var ex = await Assert.ThrowsAsync<WorkerProtocolException>(() =>
            WorkerProcess.StartAsync(WorkerLocator.Find(), Handshake, protocolVersion: 99));

        Assert.Equal(WorkerErrorCode.VersionMismatch, ex.Code);
        Assert.Contains("version 99", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task RequestAsync_UnknownWorkload_ClearErrorAndTheWorkerExits()
    {
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), Handshake);

        var ex = await Assert.ThrowsAsync<WorkerProtocolException>(() =>
            worker.RequestAsync("System.IO.File, System.Runtime", _ => { }));

        Assert.Equal(WorkerErrorCode.UnknownWorkload, ex.Code);
        Assert.Contains("not registered", ex.Message);
        Assert.IsType<WorkerProtocolException>(await worker.WaitForExitAsync(CancellationToken.None));
        Assert.False(ProcessProbe.IsAlive(worker.ProcessId));
    }

    [Theory]
    [InlineData("unknown frame type")]
    [InlineData("over the maximum")]
    [InlineData("length of 0")]
    public async Task SendRaw_BadFrame_ErrorFrameAndCleanExit(string expected)
    {
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), Handshake, maxFrameSize: 4096);
        byte[] frame = new byte[16];
        switch (expected)
        {
            case "unknown frame type":
                BinaryPrimitives.WriteUInt32LittleEndian(frame, 12);
                frame[4] = 99;
                break;
            case "over the maximum":
                BinaryPrimitives.WriteUInt32LittleEndian(frame, 1 << 30);
                frame[4] = 3;
                break;
        }

        await worker.SendRawAsync(frame);
        Exception fault = await worker.WaitForExitAsync(CancellationToken.None);

        var ex = Assert.IsType<WorkerProtocolException>(fault);
        Assert.Contains(expected, ex.Message);
        Assert.False(ProcessProbe.IsAlive(worker.ProcessId));
    }

    [Fact]
    public async Task RequestAsync_ItemThrows_RemoteErrorAndTheWorkerGoesOn()
    {
        var workload = new DiagnosticWorkload(5, DiagnosticBehavior.FailAtIndex, targetIndex: 1);
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), Handshake);

        var ex = await Assert.ThrowsAsync<RemoteItemException>(() => worker.RequestAsync(workload.Id, w => workload.WriteRequest(1, w)));
        ReadOnlyMemory<byte> ok = await worker.RequestAsync(workload.Id, w => workload.WriteRequest(3, w));

        Assert.Contains(DiagnosticWorkload.FailureMessage(1), ex.Message);
        Assert.Equal(9, workload.ReadResult(new(ok)));
    }

    [Fact]
    public async Task RequestAsync_ItemFailsAfterItsCallerGaveUp_TheConnectionGoesOn()
    {
        var slowFailure = new DiagnosticWorkload(2, DiagnosticBehavior.FailAtIndex, targetIndex: 0, delayMs: 2000);
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), Handshake);
        using var cts = new CancellationTokenSource();
        long sentBefore = worker.Connection.RequestsSent;

        Task<ReadOnlyMemory<byte>> request = worker.RequestAsync(slowFailure.Id, w => slowFailure.WriteRequest(0, w), cts.Token);
        // The caller gives up once the request is written whole (a timed cancel could come before it was sent at all on
        // a loaded machine, and then no answer would ever come), long before the item's 2 s are up.
        await Eventually.TrueAsync(() => worker.Connection.RequestsSent > sentBefore && !worker.Connection.WriteInProgress);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        // The item's error comes after its caller gave up: wait until it has arrived, then go on.
        await Eventually.TrueAsync(() => worker.Connection.UnclaimedAnswers == 1);
        ReadOnlyMemory<byte> ok = await worker.RequestAsync(slowFailure.Id, w => slowFailure.WriteRequest(1, w));

        Assert.Equal(1, slowFailure.ReadResult(new(ok)));
        Assert.False(worker.HasExited);
    }

    [Fact]
    public async Task RequestAsync_PayloadOfWrongLength_ItemErrorNotACrash()
    {
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), Handshake);

        var ex = await Assert.ThrowsAsync<RemoteItemException>(() => worker.RequestAsync(PrimeCheckWorkload.WorkloadId, w => w.Write(new byte[3])));

        Assert.Contains("8 bytes", ex.Message);
        Assert.False(worker.HasExited);
    }

    [Fact]
    public async Task DisposeAsync_ClosesInput_WorkerExitsOnItsOwn()
    {
        WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), Handshake);
        int pid = worker.ProcessId;

        // Its input closed, with no kill to come: an exit of its own, with its normal exit code (a kill reads 137).
        await worker.Connection.CloseOutputAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assert.Equal(WorkerHost.ExitNormal, await worker.WaitForExitCodeAsync(limit.Token));
        await worker.DisposeAsync();

        Assert.False(ProcessProbe.IsAlive(pid));
        Assert.DoesNotContain(pid, WorkerRegistry.LiveProcessIds);
    }
}
