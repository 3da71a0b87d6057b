using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Ipc;

/// <summary>The worker's side of a shared-memory region, driven with requests the parent would not send.</summary>
[Collection(IpcCollection.Name)]
public sealed class SharedRegionTests
{
    private static readonly TimeSpan Handshake = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // The worker's doorbell thread, as /proc shows its name (15 characters at most).
    private const string DoorbellThread = "shared-memory d";

    [Fact]
    public async Task Unmap_WhileAnAwaitWaitsForItsAnswer_TheAwaitFailsAndTheWorkerLives()
    {
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), Handshake);
        for (int round = 0; round < 10; round++)
        {
            SharedMemoryTransport shared = await SharedMemoryTransport.CreateAsync(worker, 4096);
            await Eventually.TrueAsync(() => shared.WorkerParked && ThreadProbe.IsSleeping(worker.ProcessId, DoorbellThread));
            long sleeps = ThreadProbe.VoluntarySwitches(worker.ProcessId, DoorbellThread);

            // A wait through the pipe for an answer that never comes. Its handler wakes the doorbell thread just before
            // it waits: once that thread has woken (and slept again), the handler is at its wait, and the unmap comes
            // while it waits.
            Task<ReadOnlyMemory<byte>> awaiting = worker.RequestAsync(IpcHandlers.SharedMemoryAwait, w =>
            {
                BinaryPrimitives.WriteInt64LittleEndian(w.GetSpan(8), 1_000_000);
                w.Advance(8);
                Encoding.UTF8.GetBytes(RegionKey(shared), w);
            });
            await Eventually.TrueAsync(() => ThreadProbe.VoluntarySwitches(worker.ProcessId, DoorbellThread) > sleeps || awaiting.IsCompleted);
            await shared.DisposeAsync();

            var ex = await Assert.ThrowsAsync<RemoteItemException>(() => awaiting.WaitAsync(Bound));
            Assert.Contains("closed before", ex.Message);
            Assert.False(worker.HasExited, $"round {round}: the worker died: {worker.Connection.Fault?.Message}");
        }

        ReadOnlyMemory<byte> echoed = await worker.RequestAsync(IpcHandlers.Echo, w => w.Write("still here"u8));
        Assert.Equal("still here"u8.ToArray(), echoed.ToArray());
    }

    // The name the worker knows the region by.
    private static string RegionKey(SharedMemoryTransport shared) => shared.Key;

}
