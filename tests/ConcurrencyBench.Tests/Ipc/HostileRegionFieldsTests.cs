using System.Text;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Tests.Ipc;

/// <summary>
/// A parent that writes hostile offsets, lengths and pass counts into the control block (negative, past the end,
/// overflowing when added, inside the control block): the worker refuses each, reads nothing outside the payload
/// area, and goes on.
/// </summary>
[Collection(IpcCollection.Name)]
public sealed class HostileRegionFieldsTests
{
    private const int Capacity = 4096;

    public static TheoryData<long, int, int> Hostile => new()
    {
        { -1, 10, 1 },
        { long.MinValue, 10, 1 },
        { long.MaxValue, 10, 1 },
        { long.MaxValue - 5, 100, 1 },
        { 0, 10, 1 },
        { RegionControl.Size - 1, 10, 1 },
        { RegionControl.Size, -1, 1 },
        { RegionControl.Size, int.MinValue, 1 },
        { RegionControl.Size, int.MaxValue, 1 },
        { RegionControl.Size + Capacity - 10, 11, 1 },
        { RegionControl.Size, 10, -1 },
        { RegionControl.Size, 10, int.MaxValue },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Doorbell_HostileFields_RefusedAndTheWorkerGoesOn(long offset, int length, int passes)
    {
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30));
        await using SharedMemoryTransport shared = await SharedMemoryTransport.CreateAsync(worker, Capacity);

        var ex = await Assert.ThrowsAsync<RemoteItemException>(() => shared.RingUncheckedAsync(offset, length, passes));

        Assert.Contains("outside the region's bounds", ex.Message);
        Assert.Equal(Checksum.Compute(new byte[Capacity], 1), await shared.ChecksumAsync(new byte[Capacity], 1));
        Assert.False(worker.HasExited);
    }

    [Theory]
    [InlineData(8100L, 200)]
    [InlineData(-1L, 10)]
    [InlineData(long.MaxValue - 5, 100)]
    [InlineData(RegionControl.Size, -1)]
    public async Task Pipe_HostileFields_RefusedAndTheWorkerGoesOn(long offset, int length)
    {
        await using WorkerProcess worker = await WorkerProcess.StartAsync(WorkerLocator.Find(), TimeSpan.FromSeconds(30));
        await using SharedMemoryTransport shared = await SharedMemoryTransport.CreateAsync(worker, Capacity);

        var ex = await Assert.ThrowsAsync<RemoteItemException>(() => worker.RequestAsync(IpcHandlers.SharedMemoryChecksum, w =>
        {
            Span<byte> head = w.GetSpan(24);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(head, offset);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(head[8..], length);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(head[12..], 1);
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(head[16..], 1);
            w.Advance(24);
            Encoding.UTF8.GetBytes(shared.Key, w);
        }));

        Assert.Contains("outside the payload area", ex.Message);
        Assert.Equal(Checksum.Compute(new byte[10], 2), await shared.ChecksumAsync(new byte[10], 2));
        Assert.False(worker.HasExited);
    }
}
