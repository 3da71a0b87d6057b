using System.Buffers;
using System.Buffers.Binary;
using System.Text;
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
/// <remarks>
/// With a <see cref="MarkerFolder"/>, each item leaves marks that a test can see from outside the worker: it creates
/// <c>&lt;marker&gt;.started</c> and <c>&lt;marker&gt;.running</c> as it starts and deletes the latter as it ends, where
/// the marker is <c>&lt;index&gt;-&lt;worker pid&gt;-&lt;unique&gt;</c>. A worker killed mid-item leaves its
/// <c>.running</c> file behind, so a reader counts it as running only while that pid is alive.
/// </remarks>
public sealed class DiagnosticWorkload : IRemoteWorkload<int>
{
    /// <summary>The registered id of this workload.</summary>
    public const string WorkloadId = "diagnostic";

    /// <summary>The exit code of a worker that crashes on purpose.</summary>
    public const int CrashExitCode = 86;

    /// <summary>The prefix a <see cref="MarkerFolder"/>'s name must have; the folder must sit directly in the temp folder.</summary>
    public const string MarkerFolderPrefix = "cb-diag-";

    /// <summary>The suffix of the file an item creates as it starts and keeps.</summary>
    public const string StartedSuffix = ".started";

    /// <summary>The suffix of the file an item creates as it starts and deletes as it ends.</summary>
    public const string RunningSuffix = ".running";

    // The fixed part of a request: index, behaviour, target, delay; then, when marking, the folder's length and UTF-8 bytes.
    private const int FixedLength = 13;
    private const int MaxMarkerFolderBytes = 1024;

    /// <summary>Creates the workload.</summary>
    /// <param name="count">The number of items.</param>
    /// <param name="behavior">What the items do.</param>
    /// <param name="targetIndex">The item that fails, hangs or crashes.</param>
    /// <param name="delayMs">How long each item waits before it answers.</param>
    /// <param name="markerFolder">
    /// Where items mark their start and end (see the remarks), or <see langword="null"/>: a folder directly in
    /// <see cref="Path.GetTempPath"/> whose name starts with <see cref="MarkerFolderPrefix"/>.
    /// </param>
    public DiagnosticWorkload(int count, DiagnosticBehavior behavior = DiagnosticBehavior.Square, int targetIndex = -1, int delayMs = 0, string? markerFolder = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(delayMs);
        if (markerFolder is not null)
        {
            RequireMarkerFolder(markerFolder);
        }

        Count = count;
        Behavior = behavior;
        TargetIndex = targetIndex;
        DelayMs = delayMs;
        MarkerFolder = markerFolder;
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

    /// <summary>Gets the folder where items mark their start and end, if any.</summary>
    public string? MarkerFolder { get; }

    /// <summary>The message of the exception a failing item throws.</summary>
    /// <param name="index">The item.</param>
    public static string FailureMessage(int index) => $"diagnostic item {index} failed";

    /// <inheritdoc />
    public int Execute(int index, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return Compute(index, Behavior, TargetIndex, DelayMs, MarkerFolder, inWorker: false, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<int> ExecuteAsync(int index, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Execute(index, cancellationToken));

    /// <inheritdoc />
    public void WriteRequest(int index, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int folderBytes = MarkerFolder is null ? 0 : Encoding.UTF8.GetByteCount(MarkerFolder);
        int length = MarkerFolder is null ? FixedLength : FixedLength + 2 + folderBytes;
        Span<byte> span = writer.GetSpan(length);
        BinaryPrimitives.WriteInt32LittleEndian(span, index);
        span[4] = (byte)Behavior;
        BinaryPrimitives.WriteInt32LittleEndian(span[5..], TargetIndex);
        BinaryPrimitives.WriteInt32LittleEndian(span[9..], DelayMs);
        if (MarkerFolder is not null)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[FixedLength..], (ushort)folderBytes);
            Encoding.UTF8.GetBytes(MarkerFolder, span[(FixedLength + 2)..]);
        }

        writer.Advance(length);
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
        if (request.Length > FixedLength + 2 + MaxMarkerFolderBytes)
        {
            throw new ArgumentException($"a {WorkloadId} request carries at most {FixedLength + 2 + MaxMarkerFolderBytes} bytes, not {request.Length}", nameof(request));
        }

        Span<byte> span = stackalloc byte[(int)request.Length];
        request.CopyTo(span);
        string? markerFolder = null;
        if (span.Length != FixedLength)
        {
            // The folder is data, never code: it must be an existing folder of ours in the temp folder (checked below).
            int folderBytes = span.Length >= FixedLength + 2 ? BinaryPrimitives.ReadUInt16LittleEndian(span[FixedLength..]) : -1;
            RemotePayload.Require(request, FixedLength + 2 + Math.Max(folderBytes, 0), WorkloadId);
            markerFolder = RequireMarkerFolder(Encoding.UTF8.GetString(span[(FixedLength + 2)..]));
        }

        int index = BinaryPrimitives.ReadInt32LittleEndian(span);
        var behavior = (DiagnosticBehavior)span[4];
        int target = BinaryPrimitives.ReadInt32LittleEndian(span[5..]);
        int delayMs = BinaryPrimitives.ReadInt32LittleEndian(span[9..]);
        int result = Compute(index, behavior, target, delayMs, markerFolder, inWorker: true, cancellationToken);
        BinaryPrimitives.WriteInt32LittleEndian(response.GetSpan(4), result);
        response.Advance(4);
    }

    /// <summary>
    /// Refuses a marker folder that is not a folder directly in the temp folder, named with <see cref="MarkerFolderPrefix"/>,
    /// existing and not a link: a request may only make the worker create and delete its own marker files there.
    /// </summary>
    internal static string RequireMarkerFolder(string path)
    {
        string tempRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.GetTempPath()));
        bool valid = Path.IsPathFullyQualified(path)
            && string.Equals(Path.GetFullPath(path), path, StringComparison.Ordinal)
            && string.Equals(Path.GetDirectoryName(path), tempRoot, StringComparison.Ordinal)
            && Path.GetFileName(path).StartsWith(MarkerFolderPrefix, StringComparison.Ordinal)
            && Encoding.UTF8.GetByteCount(path) <= MaxMarkerFolderBytes;
        if (!valid)
        {
            throw new ArgumentException($"a {WorkloadId} marker folder must be a folder named {MarkerFolderPrefix}* directly in {tempRoot}", nameof(path));
        }

        var folder = new DirectoryInfo(path);
        if (!folder.Exists || folder.LinkTarget is not null)
        {
            throw new ArgumentException($"a {WorkloadId} marker folder must exist and not be a link", nameof(path));
        }

        return path;
    }

    private static int Compute(int index, DiagnosticBehavior behavior, int target, int delayMs, string? markerFolder, bool inWorker, CancellationToken cancellationToken)
    {
        if (markerFolder is null)
        {
            return Compute(index, behavior, target, delayMs, inWorker, cancellationToken);
        }

        string marker = Path.Join(markerFolder, $"{index}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        File.Open(marker + StartedSuffix, FileMode.CreateNew, FileAccess.Write).Dispose();
        File.Open(marker + RunningSuffix, FileMode.CreateNew, FileAccess.Write).Dispose();
        try
        {
            return Compute(index, behavior, target, delayMs, inWorker, cancellationToken);
        }
        finally
        {
            File.Delete(marker + RunningSuffix);
        }
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
