using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Processes.Protocol;

namespace ConcurrencyBench.Processes;

/// <summary>
/// The worker's side of the protocol: reads frames from the parent, runs registered workloads, writes answers.
/// It exits when its input closes, so it cannot outlive its parent.
/// </summary>
public static class WorkerHost
{
    /// <summary>The input closed: a normal end.</summary>
    public const int ExitNormal = 0;

    /// <summary>A malformed or oversized frame, or an unknown workload id.</summary>
    public const int ExitProtocolError = 2;

    /// <summary>The parent speaks another protocol version.</summary>
    public const int ExitVersionMismatch = 3;

    /// <summary>Serves the parent until its input closes or the protocol is broken.</summary>
    /// <param name="input">Frames from the parent (the worker's standard input).</param>
    /// <param name="output">Frames to the parent (the worker's standard output).</param>
    /// <param name="maxFrameSize">The largest frame body accepted.</param>
    /// <param name="error">Where one-line diagnostics go (the worker's standard error).</param>
    /// <param name="blockingReads">Read the input with blocking calls on the calling thread (standard input, a pipe).</param>
    /// <param name="inputPipe">The descriptor <paramref name="input"/> reads, when it is a pipe from the parent (the
    /// worker's standard input, 0): a thread of its own watches it for the parent's hang-up, which cancels the item in
    /// progress at once, and the workloads that run in order (<see cref="WorkloadRegistry.RunsInOrder"/>) then compute
    /// on the reading thread, without a hop to the thread pool for each request. Null: every such item runs on the
    /// pool, and the reading thread sees the hang-up.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(Stream input, Stream output, int maxFrameSize = WireFormat.DefaultMaxFrameSize, TextWriter? error = null, bool blockingReads = false, int? inputPipe = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        MaxFrameSizeInUse = maxFrameSize;
        var frames = new FrameReader(input, maxFrameSize, blockingReads);
        var writer = new FrameWriter(output, leaveOpen: true, blocking: blockingReads);
        using var shutdown = new CancellationTokenSource();
        bool inOrderOnReadingThread = inputPipe is int pipe && InputHangUpWatch.TryStart(pipe, shutdown, ExitNormal);
        var running = new ConcurrentDictionary<long, Task>();
        // The last request of the workloads that run in order (see WorkloadRegistry.RunsInOrder): the next waits for it.
        Task inOrder = Task.CompletedTask;
        bool greeted = false;
        try
        {
            while (true)
            {
                (FrameType Type, int Length)? header;
                try
                {
                    header = await frames.ReadHeaderAsync().ConfigureAwait(false);
                }
                catch (EndOfStreamException)
                {
                    // The parent went away in the middle of a frame: the same as the end of input.
                    header = null;
                }

                if (header is not (FrameType type, int length))
                {
                    return ExitNormal;
                }

                // Request bodies come from the pool (a 64 MiB payload must not fault in fresh memory every time);
                // the item returns its array when it is done.
                byte[] bytes = type is FrameType.Request or FrameType.ChunkRequest ? ArrayPool<byte>.Shared.Rent(length) : new byte[length];
                try
                {
                    // An echo is sent back as it comes in, piece by piece (the request's head says which it is);
                    // every other request is read whole first.
                    int known = 0;
                    if (type == FrameType.Request && greeted && length >= EchoHead.Length)
                    {
                        known = EchoHead.Length;
                        await frames.ReadBodyAsync(bytes.AsMemory(0, known)).ConfigureAwait(false);
                        if (bytes.AsSpan(8, known - 8).SequenceEqual(EchoHead.AsSpan(8)))
                        {
                            long echoId = BinaryPrimitives.ReadInt64LittleEndian(bytes);
                            ArrayPool<byte>.Shared.Return(bytes);
                            await RelayEchoAsync(frames, writer, echoId, length - known).ConfigureAwait(false);
                            continue;
                        }
                    }

                    await frames.ReadBodyAsync(bytes.AsMemory(known, length - known)).ConfigureAwait(false);
                }
                catch (EndOfStreamException)
                {
                    return ExitNormal;
                }

                var body = new ReadOnlySequence<byte>(bytes, 0, length);
                switch (type)
                {
                    case FrameType.Hello when !greeted:
                        ushort version = WireFormat.ReadHello(body);
                        if (version != WireFormat.Version)
                        {
                            await TryWriteAsync(writer, w => WireFormat.WriteError(w, 0, WorkerErrorCode.VersionMismatch, $"the parent speaks protocol version {version}, this worker speaks {WireFormat.Version}")).ConfigureAwait(false);
                            error?.WriteLine($"worker: protocol version mismatch (parent {version}, worker {WireFormat.Version})");
                            return ExitVersionMismatch;
                        }

                        greeted = true;
                        if (!await TryWriteAsync(writer, w => WireFormat.WriteHelloOk(w, Environment.ProcessId, IsNativeAot)).ConfigureAwait(false))
                        {
                            return ExitNormal;
                        }

                        break;
                    case FrameType.Request when greeted:
                        (long id, string workloadId, ReadOnlySequence<byte> payload) = WireFormat.ReadRequest(body);
                        RemoteHandler handler = Registered(workloadId, id, bytes);

                        // The frame's array belongs to this request: the item reads its payload in place, then returns it.
                        if (inOrderOnReadingThread && WorkloadRegistry.RunsInOrder(workloadId))
                        {
                            await inOrder.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                            running[id] = Task.CompletedTask;
                            await ServeAsync(id, handler, payload, bytes, writer, shutdown.Token, running).ConfigureAwait(false);
                        }
                        else if (WorkloadRegistry.RunsInline(workloadId))
                        {
                            running[id] = Task.CompletedTask;
                            await ServeAsync(id, handler, payload, bytes, writer, shutdown.Token, running).ConfigureAwait(false);
                        }
                        else if (WorkloadRegistry.RunsInOrder(workloadId))
                        {
                            Task previous = inOrder;
                            inOrder = running[id] = Task.Run(() => ServeAfterAsync(previous, () => ServeAsync(id, handler, payload, bytes, writer, shutdown.Token, running)));
                        }
                        else
                        {
                            running[id] = Task.Run(() => ServeAsync(id, handler, payload, bytes, writer, shutdown.Token, running));
                        }

                        break;
                    case FrameType.ChunkRequest when greeted:
                        (long chunkId, string chunkWorkload, ReadOnlySequence<byte>[] items) = ReadChunkRequest(body, maxFrameSize, bytes);
                        RemoteHandler chunkHandler = Registered(chunkWorkload, chunkId, bytes);

                        // A chunk's items run one after another, in order, and are answered in one frame; the chunk
                        // itself takes its turn as a request of its workload would.
                        Task ServeChunk() => ServeChunkAsync(chunkId, chunkHandler, items, bytes, writer, maxFrameSize, shutdown.Token, running);
                        if (inOrderOnReadingThread && WorkloadRegistry.RunsInOrder(chunkWorkload))
                        {
                            await inOrder.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                            running[chunkId] = Task.CompletedTask;
                            await ServeChunk().ConfigureAwait(false);
                        }
                        else if (WorkloadRegistry.RunsInline(chunkWorkload))
                        {
                            running[chunkId] = Task.CompletedTask;
                            await ServeChunk().ConfigureAwait(false);
                        }
                        else if (WorkloadRegistry.RunsInOrder(chunkWorkload))
                        {
                            Task before = inOrder;
                            inOrder = running[chunkId] = Task.Run(() => ServeAfterAsync(before, ServeChunk));
                        }
                        else
                        {
                            running[chunkId] = Task.Run(ServeChunk);
                        }

                        break;
                    default:
                        throw new ProtocolViolationException(WorkerErrorCode.MalformedFrame, greeted ? $"unexpected {type} frame" : $"expected a hello frame first, got {type}");
                }
            }
        }
        catch (ProtocolViolationException ex)
        {
            error?.WriteLine($"worker: {ex.Message}");
            await TryWriteAsync(writer, w => WireFormat.WriteError(w, 0, ex.Code, ex.Message)).ConfigureAwait(false);
            return ExitProtocolError;
        }
        catch (IOException)
        {
            // The input broke rather than ended: the parent is gone all the same.
            return ExitNormal;
        }
        finally
        {
            await shutdown.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(running.Values).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // The first bytes of an echo request's body: any id, then the workload id's length and the id itself.
    private static readonly byte[] EchoHead = [.. new byte[8], (byte)IpcHandlers.Echo.Length, .. System.Text.Encoding.ASCII.GetBytes(IpcHandlers.Echo)];

    // The most an echo's relay reads before it writes: the pipe's buffer, as the plain-C echo reads.
    private const int RelayPieceBytes = 1 << 20;

    /// <summary>Gets the largest frame the worker accepts, for connections it opens itself (sockets).</summary>
    internal static int MaxFrameSizeInUse { get; private set; } = WireFormat.DefaultMaxFrameSize;

    /// <summary>Gets a value indicating whether this process was compiled ahead of time (NativeAOT).</summary>
    public static bool IsNativeAot => !RuntimeFeature.IsDynamicCodeSupported;

    // The handler of a registered workload; an unknown id ends the conversation (the request's array goes back first).
    private static RemoteHandler Registered(string workloadId, long id, byte[] requestArray)
    {
        if (WorkloadRegistry.TryGet(workloadId, out RemoteHandler? handler))
        {
            return handler;
        }

        ArrayPool<byte>.Shared.Return(requestArray);
        throw new ProtocolViolationException(WorkerErrorCode.UnknownWorkload, $"request {id} names workload '{PrintableText.OneLine(workloadId, WireFormat.MaxWorkloadIdLength)}', which is not registered");
    }

    private static (long Id, string WorkloadId, ReadOnlySequence<byte>[] Items) ReadChunkRequest(ReadOnlySequence<byte> body, int maxFrameSize, byte[] requestArray)
    {
        try
        {
            return ChunkFrames.ReadRequest(body, maxFrameSize);
        }
        catch (ProtocolViolationException)
        {
            ArrayPool<byte>.Shared.Return(requestArray);
            throw;
        }
    }

    // A request's turn comes once the one before it has been answered; the reading thread goes on reading meanwhile.
    private static async Task ServeAfterAsync(Task previous, Func<Task> serve)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await serve().ConfigureAwait(false);
    }

    private static async Task ServeAsync(long id, RemoteHandler handler, ReadOnlySequence<byte> request, byte[] requestArray, FrameWriter writer, CancellationToken shutdown, ConcurrentDictionary<long, Task> running)
    {
        using var result = new PooledBufferWriter();
        try
        {
            // A request still waiting for its turn when the input closed: nobody is left to read its answer.
            if (shutdown.IsCancellationRequested)
            {
                return;
            }

            string? failure = Compute(handler, request, result, shutdown);
            await writer.WriteAsync(w =>
            {
                if (failure is null)
                {
                    WireFormat.WriteResponseHeader(w, id, result.WrittenCount);
                }
                else
                {
                    WireFormat.WriteError(w, id, WorkerErrorCode.ItemFailed, failure);
                }
            }, failure is null ? result.WrittenMemory : default).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Shutting down: nobody is left to read the answer.
        }
        catch (IOException)
        {
            // The parent is gone; the read loop sees the end of input and exits.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(requestArray);
            running.TryRemove(id, out _);
        }
    }

    // The items of a chunk one after another, each answered on its own (a failure is that item's), all in one frame.
    private static async Task ServeChunkAsync(long id, RemoteHandler handler, ReadOnlySequence<byte>[] items, byte[] requestArray, FrameWriter writer, int maxFrameSize, CancellationToken shutdown, ConcurrentDictionary<long, Task> running)
    {
        using var answer = new ChunkAnswer(items.Length, maxFrameSize);
        try
        {
            foreach (ReadOnlySequence<byte> item in items)
            {
                // Also a chunk still waiting for its turn when the input closed.
                shutdown.ThrowIfCancellationRequested();
                answer.Add(w => Compute(handler, item, w, shutdown));
            }

            await writer.WriteAsync(w => ChunkFrames.WriteResponseHeader(w, id, items.Length, answer.Written.Length), answer.Written).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Shutting down: nobody is left to read the answer.
        }
        catch (IOException)
        {
            // The parent is gone; the read loop sees the end of input and exits.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(requestArray);
            running.TryRemove(id, out _);
        }
    }

    // The echo's answer: its payload read from the request and written back piece by piece as it arrives, as the
    // plain-C echo does, instead of the whole request first and then the whole answer (IpcHandlers.EchoPayload).
    private static async ValueTask RelayEchoAsync(FrameReader frames, FrameWriter writer, long id, int length)
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(Math.Min(length, RelayPieceBytes) + WireFormat.HeaderSize + 8);
        try
        {
            await writer.RelayAsync(w => WireFormat.WriteResponseHeader(w, id, length), frames, length, scratch).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    // Runs one item into result; its own failure comes back as one line (the exception's type and message). A
    // cancellation at shutdown goes on up: nobody is left to answer.
    private static string? Compute(RemoteHandler handler, ReadOnlySequence<byte> request, PooledBufferWriter result, CancellationToken shutdown)
    {
        try
        {
            handler(request, result, shutdown);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !shutdown.IsCancellationRequested)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    // A write the parent may no longer read: when it has gone (EPIPE), there is nobody left to tell, and the worker
    // ends as it would at the end of its input instead of dying of the exception.
    private static async ValueTask<bool> TryWriteAsync(FrameWriter writer, Action<IBufferWriter<byte>> write)
    {
        try
        {
            await writer.WriteAsync(write).ConfigureAwait(false);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
