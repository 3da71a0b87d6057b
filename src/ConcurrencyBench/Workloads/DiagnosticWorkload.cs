using System.Buffers;
using System.Buffers.Binary;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Workloads;

/// <summary>What an item of the <see cref="DiagnosticWorkload"/> does.</summary>
public enum DiagnosticBehavior : byte
{
    /// <summary>Returns index * index, after <see cref="DiagnosticWorkload.DelayMs"/> if any.</summary>
    Square = 0,

    /// <summary>Throws at <see cref="DiagnosticWorkload.TargetIndex"/>, squares elsewhere.</summary>
    FailAtIndex = 1,

    /// <summary>Every item waits until cancelled.</summary>
    BlockUntilCancelled = 2,

    /// <summary>Hangs at <see cref="DiagnosticWorkload.TargetIndex"/>, deaf to cancellation (a stuck worker).</summary>
    HangAtIndex = 3,

    /// <summary>In a worker, the process exits abruptly at <see cref="DiagnosticWorkload.TargetIndex"/> (a crash); in process it throws.</summary>
    CrashAtIndex = 4,
}

/// <summary>
/// A registered workload for testing the strategies' contract and the supervisor: squares, failures, hangs and crashes on demand.
/// </summary>
public sealed class DiagnosticWorkload : IRemoteWorkload<int>
{
    /// <summary>The registered id of this workload.</summary>
    public const string WorkloadId = "diagnostic";

    /// <summary>The exit code of a worker that crashes on purpose.</summary>
    public const int CrashExitCode = 86;

    /// <summary>Creates the workload.</summary>
    /// <param name="count">The number of items.</param>
    /// <param name="behavior">What the items do.</param>
    /// <param name="targetIndex">The item that fails, hangs or crashes.</param>
    /// <param name="delayMs">How long each item waits before it answers.</param>
    public DiagnosticWorkload(int count, DiagnosticBehavior behavior = DiagnosticBehavior.Square, int targetIndex = -1, int delayMs = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(delayMs);
        Count = count;
        Behavior = behavior;
        TargetIndex = targetIndex;
        DelayMs = delayMs;
    }

    /// <inheritdoc />
    public string Id => WorkloadId;

    /// <inheritdoc />
    public int Count { get; }

    /// <summary>Gets what the items do.</summary>
    public DiagnosticBehavior Behavior { get; }

    /// <summary>Gets the item that fails, hangs or crashes.</summary>
    public int TargetIndex { get; }

    /// <summary>Gets how long each item waits before it answers, in milliseconds.</summary>
    public int DelayMs { get; }

    /// <summary>The message of the exception a failing item throws.</summary>
    /// <param name="index">The item.</param>
    public static string FailureMessage(int index) => $"diagnostic item {index} failed";

    /// <inheritdoc />
    public int Execute(int index, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return Compute(index, Behavior, TargetIndex, DelayMs, inWorker: false, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> ExecuteAsync(int index, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Execute(index, cancellationToken));

    /// <inheritdoc />
    public void WriteRequest(int index, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> span = writer.GetSpan(13);
        BinaryPrimitives.WriteInt32LittleEndian(span, index);
        span[4] = (byte)Behavior;
        BinaryPrimitives.WriteInt32LittleEndian(span[5..], TargetIndex);
        BinaryPrimitives.WriteInt32LittleEndian(span[9..], DelayMs);
        writer.Advance(13);
    }

    /// <inheritdoc />
    public int ReadResult(ReadOnlySequence<byte> payload)
    {
        Span<byte> span = stackalloc byte[4];
        payload.Slice(0, 4).CopyTo(span);
        return BinaryPrimitives.ReadInt32LittleEndian(span);
    }

    /// <summary>The worker side.</summary>
    internal static void ExecuteRemote(ReadOnlySequence<byte> request, IBufferWriter<byte> response, CancellationToken cancellationToken)
    {
        Span<byte> span = stackalloc byte[13];
        RemotePayload.Require(request, 13, WorkloadId);
        request.CopyTo(span);
        int index = BinaryPrimitives.ReadInt32LittleEndian(span);
        var behavior = (DiagnosticBehavior)span[4];
        int target = BinaryPrimitives.ReadInt32LittleEndian(span[5..]);
        int delayMs = BinaryPrimitives.ReadInt32LittleEndian(span[9..]);
        int result = Compute(index, behavior, target, delayMs, inWorker: true, cancellationToken);
        BinaryPrimitives.WriteInt32LittleEndian(response.GetSpan(4), result);
        response.Advance(4);
    }

    private static int Compute(int index, DiagnosticBehavior behavior, int target, int delayMs, bool inWorker, CancellationToken cancellationToken)
    {
        if (delayMs > 0)
        {
            cancellationToken.WaitHandle.WaitOne(delayMs);
        }

        cancellationToken.ThrowIfCancellationRequested();
        switch (behavior)
        {
            case DiagnosticBehavior.BlockUntilCancelled:
                cancellationToken.WaitHandle.WaitOne();
                cancellationToken.ThrowIfCancellationRequested();
                break;
            case DiagnosticBehavior.FailAtIndex when index == target:
                throw new InvalidOperationException(FailureMessage(index));
            case DiagnosticBehavior.HangAtIndex when index == target:
                Thread.Sleep(Timeout.Infinite);
                break;
            case DiagnosticBehavior.CrashAtIndex when index == target:
                if (inWorker)
                {
                    Environment.Exit(CrashExitCode);
                }

                throw new InvalidOperationException(FailureMessage(index));
        }

        return index * index;
    }
}
