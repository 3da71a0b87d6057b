using System.Runtime.CompilerServices;

namespace ConcurrencyBench.Ipc;

/// <summary>
/// The control block at the start of a shared-memory region: the doorbell the parent rings and the answer the worker
/// posts, so that a hand-off needs no system call while the worker is polling. Each side writes only its own lines
/// (128 bytes apart, so the two processes never share a cache line they write), and the worker validates every
/// field it reads: the region is data, never trusted.
/// </summary>
/// <remarks>
/// Handshake, Dekker-style: the parent publishes <see cref="Announced"/> or <see cref="Requested"/>, fences, then
/// reads <see cref="WorkerParked"/>; the worker sets <see cref="WorkerParked"/>, fences, then re-reads both
/// sequences before it sleeps. One of them always sees the other, so a request is never left unseen: either the
/// worker notices it, or the parent wakes it through the pipe.
/// </remarks>
internal readonly unsafe struct RegionControl
{
    /// <summary>The control block's size; the payload area starts here (page-aligned, like a fresh array).</summary>
    public const int Size = 4096;

    private const int AnnouncedOffset = 0;     // parent: the sequence of the payload being copied in
    private const int RequestedOffset = 128;   // parent: the sequence of the payload ready to read
    private const int PayloadOffsetOffset = 136;
    private const int LengthOffset = 144;
    private const int PassesOffset = 148;
    private const int CancelledOffset = 256;   // parent: the sequence whose compute should stop
    private const int AnsweredOffset = 384;    // worker: the sequence answered last
    private const int ResultOffset = 392;
    private const int StatusOffset = 400;
    private const int ParkedOffset = 512;      // worker: 1 while its poller sleeps

    private readonly byte* _base;

    public RegionControl(byte* regionBase) => _base = regionBase;

    public long Announced => Volatile.Read(ref Long(AnnouncedOffset));

    public long Requested => Volatile.Read(ref Long(RequestedOffset));

    public long Cancelled => Volatile.Read(ref Long(CancelledOffset));

    public long Answered => Volatile.Read(ref Long(AnsweredOffset));

    public bool WorkerParked => Volatile.Read(ref Int(ParkedOffset)) != 0;

    /// <summary>Parent: a payload for <paramref name="sequence"/> is about to be copied in; returns whether the worker sleeps.</summary>
    public bool Announce(long sequence)
    {
        Volatile.Write(ref Long(AnnouncedOffset), sequence);
        Interlocked.MemoryBarrier();
        return WorkerParked;
    }

    /// <summary>Parent: the payload is in place; returns whether the worker sleeps (and must be woken).</summary>
    public bool Ring(long sequence, long offset, int length, int passes)
    {
        Long(PayloadOffsetOffset) = offset;
        Int(LengthOffset) = length;
        Int(PassesOffset) = passes;
        Volatile.Write(ref Long(RequestedOffset), sequence);
        Interlocked.MemoryBarrier();
        return WorkerParked;
    }

    /// <summary>Parent: asks the worker to stop computing <paramref name="sequence"/> at its next pass.</summary>
    public void Cancel(long sequence) => Volatile.Write(ref Long(CancelledOffset), sequence);

    /// <summary>Worker: the request fields of the sequence just read from <see cref="Requested"/>.</summary>
    public (long Offset, int Length, int Passes) ReadRequest() => (Long(PayloadOffsetOffset), Int(LengthOffset), Int(PassesOffset));

    /// <summary>Worker: posts the answer of <paramref name="sequence"/>.</summary>
    public void Answer(long sequence, RegionStatus status, ulong result)
    {
        Long(ResultOffset) = (long)result;
        Int(StatusOffset) = (int)status;
        Volatile.Write(ref Long(AnsweredOffset), sequence);
    }

    /// <summary>Parent: the answer posted last (read after <see cref="Answered"/> has reached the sequence).</summary>
    public (RegionStatus Status, ulong Result) ReadAnswer() => ((RegionStatus)Int(StatusOffset), (ulong)Long(ResultOffset));

    /// <summary>Worker: says whether its poller sleeps; returns after a full fence when it does.</summary>
    public void SetParked(bool parked)
    {
        Volatile.Write(ref Int(ParkedOffset), parked ? 1 : 0);
        if (parked)
        {
            Interlocked.MemoryBarrier();
        }
    }

    /// <summary>
    /// One turn of waiting on the control block: spins on the CPU, and gives it up every 64th turn to any thread that
    /// wants it (a worker that computes). Never sleeps: a sleep adds the wake-up the doorbell exists to avoid. A
    /// system call on every turn measurably slowed a memory copy on the other core of the reference VM.
    /// </summary>
    /// <param name="turns">The caller's turn counter.</param>
    public static void Pause(ref int turns)
    {
        if (++turns % 64 == 0)
        {
            Thread.Yield();
        }
        else
        {
            Thread.SpinWait(20);
        }
    }

    private ref long Long(int offset) => ref Unsafe.AsRef<long>(_base + offset);

    private ref int Int(int offset) => ref Unsafe.AsRef<int>(_base + offset);
}

/// <summary>How the worker answered a request rung through the control block.</summary>
internal enum RegionStatus
{
    /// <summary>The result is the checksum.</summary>
    Done = 0,

    /// <summary>The parent cancelled the compute; there is no result.</summary>
    Cancelled = 1,

    /// <summary>The request's range or pass count was out of bounds; nothing was read.</summary>
    Refused = 2,
}
