using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using ConcurrencyBench.Processes.Protocol;

namespace ConcurrencyBench.Processes;

/// <summary>
/// The parent's side of the worker protocol over any pair of streams (a worker's standard input and output, or a
/// socket): the handshake, requests, and the matching of answers to requests.
/// </summary>
public sealed class WorkerConnection : IAsyncDisposable
{
    private readonly FrameWriter _writer;
    private readonly FrameReader _reader;
    private readonly string _peer;
    private readonly Func<Task<Exception>> _describeEnd;
    private readonly Action _kill;
    private readonly ConcurrentDictionary<long, Pending> _pending = new();
    private readonly TaskCompletionSource<(int Pid, bool Aot)> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ReadBaton? _baton;
    private readonly Func<bool> _answersAwaited;
    private readonly Task _readLoop;
    private long _nextRequestId;
    private long _unclaimedAnswers;
    private Exception? _fault;
    private const int CallerBetweenFrames = 0;
    private const int CallerInFrame = 1;
    private const int CallerCancelled = 2;
    private readonly int _callerPathLimit;
    private volatile bool _ended;
    private int _callerRead;
    private long _unanswered;

    /// <summary>Starts reading answers from <paramref name="fromWorker"/>; call <see cref="HandshakeAsync"/> next.</summary>
    /// <param name="toWorker">Frames to the worker.</param>
    /// <param name="fromWorker">Frames from the worker.</param>
    /// <param name="maxFrameSize">The largest frame body accepted from the worker.</param>
    /// <param name="peer">Names the worker in messages ("the JIT worker (pid 42)").</param>
    /// <param name="describeEnd">Says why the worker stopped talking, once its output has closed.</param>
    /// <param name="kill">Kills the worker: when it breaks the protocol, to end a write that must stop (its request
    /// was cancelled, or the connection is closing) on a worker that does not read, and to end the read of an answer
    /// whose request was cancelled (its output closing ends the read).</param>
    /// <param name="blockingReads">Read with blocking calls on a thread of the connection's own, and write with blocking calls (anonymous pipes).</param>
    internal WorkerConnection(Stream toWorker, Stream fromWorker, int maxFrameSize, string peer, Func<Task<Exception>> describeEnd, Action kill, bool blockingReads = false)
    {
        _writer = new FrameWriter(toWorker, blocking: blockingReads, abort: kill);
        _reader = new FrameReader(fromWorker, maxFrameSize, blockingReads);
        _peer = peer;
        _describeEnd = describeEnd;
        _kill = kill;
        _baton = blockingReads ? ReadBaton.TryCreate(fromWorker) : null;
        _answersAwaited = () => _ended || !_pending.IsEmpty;
        // What the two pipes hold between them, less room for the frames' heads; 0 (never) where unknown.
        _callerPathLimit = _baton is not null && PipeBuffers.Capacity(toWorker) is int toCapacity && PipeBuffers.Capacity(fromWorker) is int fromCapacity
            ? toCapacity + fromCapacity - 4096
            : 0;
        _readLoop = blockingReads
            ? Task.Factory.StartNew(() => ReadLoopAsync().GetAwaiter().GetResult(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
            : Task.Run(ReadLoopAsync, CancellationToken.None);
    }

    /// <summary>Gets the exception that ended the conversation; null while it goes on.</summary>
    public Exception? Fault => _fault;

    /// <summary>Gets a value indicating whether a frame is being written now (tests wait for a write to block with it).</summary>
    internal bool WriteInProgress => _writer.WriteInProgress;

    /// <summary>Gets how many answers (results or item errors) came for requests nobody waited for any more.</summary>
    internal long UnclaimedAnswers => Interlocked.Read(ref _unclaimedAnswers);

    /// <summary>Gets how many requests were begun (tests wait for one to be sent with it).</summary>
    internal long RequestsSent => Interlocked.Read(ref _nextRequestId);

    /// <summary>Gets the task that completes when the worker's output has closed and every waiter was answered.</summary>
    internal Task Completion => _readLoop;

    /// <summary>Sends the hello and waits for the worker's answer.</summary>
    /// <returns>The worker's process id and whether it runs as NativeAOT.</returns>
    internal async Task<(int Pid, bool Aot)> HandshakeAsync(ushort protocolVersion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.WriteAsync(w => WireFormat.WriteHello(w, protocolVersion), cancellationToken: cancellationToken).ConfigureAwait(false);
            return await _hello.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new WorkerExitedException($"{_peer} did not answer the handshake within {timeout.TotalSeconds:0.#} s.");
        }
        catch (IOException)
        {
            await _readLoop.ConfigureAwait(false);
            throw _fault ?? new WorkerExitedException($"{_peer} closed its input during the handshake.");
        }
    }

    /// <summary>Sends one request and waits for its answer.</summary>
    /// <param name="workloadId">The registered workload.</param>
    /// <param name="writePayload">Writes the request payload.</param>
    /// <param name="cancellationToken">Stops waiting (the request may still run in the worker). Cancelled while the
    /// request is still being written, it kills the worker: a frame cannot be taken back half written. Cancelled while
    /// its answer is being read, it kills the worker too, and the connection fails: the answer cannot be left half
    /// read, and a worker that stopped in the middle of it may never send the rest.</param>
    /// <returns>The result payload.</returns>
    /// <exception cref="RemoteItemException">The item threw in the worker.</exception>
    /// <exception cref="WorkerExitedException">The worker stopped talking before it answered.</exception>
    /// <exception cref="WorkerProtocolException">The worker refused the request.</exception>
    public Task<ReadOnlyMemory<byte>> RequestAsync(string workloadId, Action<IBufferWriter<byte>> writePayload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writePayload);
        return RequestPooledAsync(workloadId, writePayload, cancellationToken);
    }

    /// <summary>Sends one request whose payload is already in memory, and waits for its answer.</summary>
    /// <param name="workloadId">The registered workload.</param>
    /// <param name="payload">The request payload, written into the frame as it is.</param>
    /// <param name="cancellationToken">Stops waiting (the request may still run in the worker).</param>
    /// <returns>The result payload.</returns>
    public Task<ReadOnlyMemory<byte>> RequestAsync(string workloadId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default) =>
        RequestAsync(workloadId, payload, Memory<byte>.Empty, cancellationToken);

    /// <summary>Sends one request whose payload is a small <paramref name="prefix"/> then <paramref name="payload"/>, with no staging copy.</summary>
    /// <param name="workloadId">The registered workload.</param>
    /// <param name="prefix">The first bytes of the payload (a few parameters).</param>
    /// <param name="payload">The rest of the payload, written into the frame as it is.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The result payload.</returns>
    public Task<ReadOnlyMemory<byte>> RequestAsync(string workloadId, ReadOnlyMemory<byte> prefix, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default) =>
        SendAsync(workloadId, prefix, payload, Memory<byte>.Empty, cancellationToken);

    /// <summary>
    /// Sends one request and has its answer read straight into <paramref name="responseBuffer"/> when it fits there
    /// (an echo lands in its destination with no copy of its own).
    /// </summary>
    /// <param name="workloadId">The registered workload.</param>
    /// <param name="payload">The request payload, written into the frame as it is.</param>
    /// <param name="responseBuffer">Where the answer goes if it fits; a new array otherwise.</param>
    /// <param name="cancellationToken">Stops waiting (the request may still run in the worker).</param>
    /// <returns>The result payload: a slice of <paramref name="responseBuffer"/> when it fitted.</returns>
    public Task<ReadOnlyMemory<byte>> RequestAsync(string workloadId, ReadOnlyMemory<byte> payload, Memory<byte> responseBuffer, CancellationToken cancellationToken = default) =>
        SendAsync(workloadId, ReadOnlyMemory<byte>.Empty, payload, responseBuffer, cancellationToken);

    /// <summary>
    /// Sends one request and reads its answer on the calling thread, as a C client does, when the connection reads a
    /// blocking pipe and no other caller is reading its own answer; otherwise as
    /// <see cref="RequestAsync(string, ReadOnlyMemory{byte}, Memory{byte}, CancellationToken)"/>. The call then blocks
    /// its thread until the answer has come (the task it returns is complete): for one request at a time.
    /// </summary>
    /// <remarks>Answers to other requests that arrive first are read and handed to their callers on the way.
    /// Cancelled before its answer (or another frame) has begun to arrive, the caller stops waiting; cancelled while
    /// it reads a frame, the worker is killed, as on the loop's path.</remarks>
    internal Task<ReadOnlyMemory<byte>> RequestOnCallerThreadAsync(string workloadId, ReadOnlyMemory<byte> prefix, ReadOnlyMemory<byte> payload, Memory<byte> responseBuffer, CancellationToken cancellationToken = default) =>
        SendAsync(workloadId, prefix, payload, responseBuffer, cancellationToken, readOnCallerThread: true);

    private async Task<ReadOnlyMemory<byte>> RequestPooledAsync(string workloadId, Action<IBufferWriter<byte>> writePayload, CancellationToken cancellationToken)
    {
        using var payload = new PooledBufferWriter();
        writePayload(payload);
        return await SendAsync(workloadId, ReadOnlyMemory<byte>.Empty, payload.WrittenMemory, Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
    }

    private Task<ReadOnlyMemory<byte>> SendAsync(string workloadId, ReadOnlyMemory<byte> prefix, ReadOnlyMemory<byte> payload, Memory<byte> responseBuffer, CancellationToken cancellationToken, bool readOnCallerThread = false)
    {
        var pending = new Pending(responseBuffer, chunkItems: 0);
        return ExchangeAsync(
            workloadId,
            pending,
            w =>
            {
                WireFormat.WriteRequestHeader(w, pending.Id, workloadId, prefix.Length + payload.Length);
                w.Write(prefix.Span);
            },
            payload,
            cancellationToken,
            readOnCallerThread);
    }

    /// <summary>Sends one chunk request (several items of one workload) and waits for its answer, one per item.</summary>
    /// <param name="workloadId">The registered workload.</param>
    /// <param name="count">The items in the chunk.</param>
    /// <param name="items">Each item's payload after its u32 length (<see cref="ChunkFrames"/>), written into the frame as it is.</param>
    /// <param name="cancellationToken">Stops waiting, as for <see cref="RequestAsync(string, Action{IBufferWriter{byte}}, CancellationToken)"/>.</param>
    /// <returns>Each item's result or own failure, in the order sent.</returns>
    /// <exception cref="WorkerExitedException">The worker stopped talking before it answered.</exception>
    /// <exception cref="WorkerProtocolException">The worker refused the request, or its answer broke the protocol.</exception>
    internal async Task<ChunkItemAnswer[]> RequestChunkAsync(string workloadId, int count, ReadOnlyMemory<byte> items, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(Memory<byte>.Empty, count);
        await ExchangeAsync(workloadId, pending, w => ChunkFrames.WriteRequestHeader(w, pending.Id, workloadId, count, items.Length), items, cancellationToken).ConfigureAwait(false);
        return pending.Items!;
    }

    // Registers the request under a new id (pending.Id, which writeHead writes), writes its frame (what writeHead
    // writes, then tail) and waits for its answer; with readOnCallerThread, reads it too when the baton comes.
    private async Task<ReadOnlyMemory<byte>> ExchangeAsync(string workloadId, Pending pending, Action<IBufferWriter<byte>> writeHead, ReadOnlyMemory<byte> tail, CancellationToken cancellationToken, bool readOnCallerThread = false)
    {
        ArgumentNullException.ThrowIfNull(workloadId);
        if (_fault is not null)
        {
            throw Undelivered(_fault);
        }

        // The writer and the baton before the request goes out: the loop must not be the one reading when the answer
        // comes, and no other frame may go out before this one.
        bool reading = readOnCallerThread && TryTakeCallerPath(tail.Length, cancellationToken);
        try
        {
            long id = Interlocked.Increment(ref _nextRequestId);
            pending.Id = id;
            TaskCompletionSource<ReadOnlyMemory<byte>> answer = pending.Answer;
            _pending[id] = pending;
            if (!reading)
            {
                _baton?.Nudge();
            }

            try
            {
                // Counted before it goes out: an answer may be read before the write returns.
                Interlocked.Increment(ref _unanswered);
                try
                {
                    if (reading)
                    {
                        // In pieces: this thread reads nothing until the frame is out, so the worker's relay of an
                        // echo has to start while it comes in (issue 26: one write took C's time, pieces 0.9 of it).
                        await _writer.WriteReservedAsync(writeHead, tail, cancellationToken, inPieces: true).ConfigureAwait(false);
                    }
                    else
                    {
                        await _writer.WriteAsync(writeHead, tail, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException)
                {
                    // Not sent (or half sent, and the worker killed for it): no answer will come.
                    Interlocked.Decrement(ref _unanswered);
                    throw;
                }
                catch (IOException)
                {
                    // The worker is gone (its end of the pipe or socket closed before it had the whole frame, so it
                    // never had this request); the read loop says why, once it can read.
                    ReleaseBaton(ref reading);
                    await _readLoop.ConfigureAwait(false);
                    throw Undelivered(_fault!);
                }

                // A fault that raced the registration above would otherwise never reach this waiter.
                if (_fault is not null)
                {
                    answer.TrySetException(_fault);
                }

                if (reading)
                {
                    await ReadOwnAnswerAsync(answer.Task, cancellationToken).ConfigureAwait(false);
                    // Unregistered before the baton goes (no other thread reads until then, so nothing is filling its
                    // buffer): the loop, seeing no answer awaited, may rest instead of taking the pipe back at once.
                    if (_pending.TryRemove(id, out Pending? own))
                    {
                        _ = own.Release();
                    }

                    ReleaseBaton(ref reading);
                    if (!answer.Task.IsCompletedSuccessfully)
                    {
                        // Cancelled, as on the loop's path: even where the kill that ended a half-read frame has
                        // failed the answer since.
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }

                return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // The reader may be filling the response buffer right now: wait for it before the caller reuses it.
                if (_pending.TryRemove(id, out Pending? stillPending))
                {
                    Task released = stillPending.Release();
                    if (!released.IsCompleted)
                    {
                        AbandonAnswer(id);
                    }

                    await released.ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ReleaseBaton(ref reading);
        }
    }

    private void ReleaseBaton(ref bool holding)
    {
        if (holding)
        {
            holding = false;
            _baton!.Release(_answersAwaited);
        }
    }

    // The caller reads its own answer only where that cannot deadlock, for it reads nothing while its frame goes out:
    // it holds the writer (no other frame goes out before its own) and the baton (nobody else reads); nothing sent
    // before is unanswered (the worker has nothing else to send meanwhile); and the frame fits what the two pipes
    // hold between them (a worker relaying an echo stops reading it once the pipe back is full). Otherwise the
    // request goes the loop's way.
    private bool TryTakeCallerPath(int payloadLength, CancellationToken cancellationToken)
    {
        if (_baton is null || payloadLength > _callerPathLimit || !_writer.TryReserve())
        {
            return false;
        }

        bool baton = false;
        try
        {
            baton = _baton.TryTakeForCaller(cancellationToken);
            if (baton && Interlocked.Read(ref _unanswered) == 0)
            {
                return true;
            }
        }
        catch (OperationCanceledException)
        {
            _writer.CancelReservation();
            throw;
        }

        if (baton)
        {
            _baton.Release(_answersAwaited);
        }

        _writer.CancelReservation();
        return false;
    }

    // This caller holds the baton: it reads frames (its own answer, and any other request's on the way) until its
    // answer has come or the conversation has ended, or until it is cancelled. Cancelled between frames, it only
    // stops; cancelled inside one, the worker is killed, which ends the frame's read (a frame cannot be left half read).
    private async ValueTask ReadOwnAnswerAsync(Task answered, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _callerRead, CallerBetweenFrames);
        using CancellationTokenRegistration stop = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static (state, _) => ((WorkerConnection)state!).StopCallerRead(), this)
            : default;
        while (!answered.IsCompleted && !_ended)
        {
            if (!_reader.HasBuffered && !_baton!.WaitReadable())
            {
                if (Volatile.Read(ref _callerRead) == CallerCancelled)
                {
                    return;
                }

                continue; // woken for nothing (a wake-up meant for the loop, left over)
            }

            // Inside a frame from here, unless the cancellation came first: one or the other wins.
            if (Interlocked.CompareExchange(ref _callerRead, CallerInFrame, CallerBetweenFrames) != CallerBetweenFrames)
            {
                return;
            }

            bool more = await ReadFrameAsync().ConfigureAwait(false);
            if (Interlocked.CompareExchange(ref _callerRead, CallerBetweenFrames, CallerInFrame) != CallerInFrame || !more)
            {
                return;
            }
        }
    }

    // A cancellation between frames only stops the caller; inside one it kills the worker, which ends the frame.
    private void StopCallerRead()
    {
        int state = Interlocked.CompareExchange(ref _callerRead, CallerCancelled, CallerBetweenFrames);
        if (state == CallerBetweenFrames)
        {
            _baton!.Interrupt();
        }
        else if (state == CallerInFrame && Interlocked.CompareExchange(ref _callerRead, CallerCancelled, CallerInFrame) == CallerInFrame)
        {
            Interlocked.CompareExchange(
                ref _fault,
                new WorkerExitedException($"{_peer} was killed: a request was cancelled while its caller was reading a frame, and a frame cannot be left half read."),
                null);
            _kill();
        }
    }

    // The caller stopped waiting while the reader is in the middle of its answer, reading into the caller's buffer. The
    // read cannot be taken back, and the worker may have stopped half way with its output open (stopped, hung), so
    // the rest may never come: as with a write cancelled half way, the worker is killed, which ends the read, and
    // with it the conversation.
    private void AbandonAnswer(long id)
    {
        Interlocked.CompareExchange(
            ref _fault,
            new WorkerExitedException($"{_peer} was killed: request {id} was cancelled while its answer was being read, and an answer cannot be left half read."),
            null);
        _kill();
    }

    /// <summary>Sends raw bytes as if they were a frame: for tests of the worker's refusals.</summary>
    internal Task SendRawAsync(byte[] bytes) => _writer.WriteAsync(w => w.Write(bytes)).AsTask();

    /// <summary>Closes the stream to the worker: it sees the end of its input and stops.</summary>
    internal ValueTask CloseOutputAsync() => _writer.CompleteAsync();

    /// <inheritdoc />
    /// <remarks>A frame still being written after two seconds (a worker that reads nothing) is ended by killing the worker.</remarks>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _writer.CompleteAsync(abortAfter: TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Already gone.
        }

        await _readLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // The end of the conversation, as a request that never reached the worker sees it.
    private static Exception Undelivered(Exception fault) =>
        fault is WorkerExitedException ? new WorkerExitedException(fault.Message) { Undelivered = true } : fault;

    // Reads frame after frame until the conversation ends. With a baton, it reads only while it holds it, and gives
    // it up between frames to a caller that reads its own answer.
    private async Task ReadLoopAsync()
    {
        try
        {
            if (_baton is null)
            {
                while (await ReadFrameAsync().ConfigureAwait(false))
                {
                }

                return;
            }

            while (true)
            {
                _baton.TakeForLoop(_answersAwaited);
                try
                {
                    // A caller that held the baton may have met the end.
                    if (_ended)
                    {
                        return;
                    }

                    if ((_reader.HasBuffered || _baton.WaitReadable()) && !await ReadFrameAsync().ConfigureAwait(false))
                    {
                        return;
                    }
                }
                finally
                {
                    _baton.Release();
                }
            }
        }
        finally
        {
            _baton?.Dispose();
        }
    }

    // Reads one frame and hands it on; false once the conversation has ended (every waiter is then answered).
    private async ValueTask<bool> ReadFrameAsync()
    {
        Exception fault;
        try
        {
            if (await _reader.ReadHeaderAsync().ConfigureAwait(false) is (FrameType type, int length))
            {
                if (type == FrameType.Response && length >= 8)
                {
                    await ReceiveResponseAsync(length).ConfigureAwait(false);
                }
                else if (type == FrameType.ChunkResponse && length >= 8)
                {
                    await ReceiveChunkResponseAsync(length).ConfigureAwait(false);
                }
                else if (length > WireFormat.MaxSmallFrameSize)
                {
                    throw new ProtocolViolationException(WorkerErrorCode.FrameTooLarge, $"a {type} frame of {length} bytes is over the {WireFormat.MaxSmallFrameSize} bytes such a frame may have");
                }
                else
                {
                    Dispatch(type, await _reader.ReadRestAsync().ConfigureAwait(false));
                }

                return true;
            }

            fault = _fault ?? await _describeEnd().ConfigureAwait(false);
        }
        catch (WorkerProtocolException ex)
        {
            fault = ex;
        }
        catch (ProtocolViolationException ex)
        {
            fault = new WorkerProtocolException(ex.Code, $"{_peer} broke the protocol: {ex.Message}.");
            _kill();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or EndOfStreamException)
        {
            // Set already when an abandoned answer had the worker killed: that is why the stream ended.
            fault = _fault ?? await _describeEnd().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Whatever else ends the conversation must still answer every waiter, or they would wait forever.
            fault = new WorkerExitedException($"{_peer}: the conversation ended unexpectedly ({ex.GetType().Name}: {ex.Message}).");
            try
            {
                _kill();
            }
            catch (Exception)
            {
                // Killing is best effort here.
            }
        }

        _fault = fault;
        _ended = true;
        _hello.TrySetException(fault);
        foreach (Pending pending in _pending.Values)
        {
            pending.Answer.TrySetException(fault);
        }

        return false;
    }

    // A response's body goes straight to its request's buffer when it fits, to a new array otherwise.
    private async ValueTask ReceiveResponseAsync(int length)
    {
        long id = await ReadRequestIdAsync().ConfigureAwait(false);
        Interlocked.Decrement(ref _unanswered);
        int payloadLength = length - 8;
        if (!_pending.TryGetValue(id, out Pending? pending) || !pending.TryClaim())
        {
            // Nobody waits for it any more (cancelled or timed out): read it and let it go.
            await DiscardAsync(payloadLength).ConfigureAwait(false);
            return;
        }

        try
        {
            RequireChunk(pending, id, chunk: false);
            Memory<byte> target = pending.Buffer.Length >= payloadLength ? pending.Buffer[..payloadLength] : new byte[payloadLength];
            await _reader.ReadBodyAsync(target).ConfigureAwait(false);
            // Done first: the caller, once answered, must find the buffer released, not wait for it.
            pending.Done();
            pending.Answer.TrySetResult(target);
        }
        finally
        {
            pending.Done();
        }
    }

    // A chunk response is read whole, then checked against its request (as many answers as items, every length
    // within the frame) before any item is answered: one that does not add up ends the conversation.
    private async ValueTask ReceiveChunkResponseAsync(int length)
    {
        long id = await ReadRequestIdAsync().ConfigureAwait(false);
        Interlocked.Decrement(ref _unanswered);
        if (!_pending.TryGetValue(id, out Pending? pending) || !pending.TryClaim())
        {
            await DiscardAsync(length - 8).ConfigureAwait(false);
            return;
        }

        try
        {
            RequireChunk(pending, id, chunk: true);
            byte[] body = new byte[length - 8];
            await _reader.ReadBodyAsync(body).ConfigureAwait(false);
            pending.Items = ChunkFrames.ReadAnswers(body, id, pending.ChunkItems);
            pending.Done();
            pending.Answer.TrySetResult(ReadOnlyMemory<byte>.Empty);
        }
        finally
        {
            pending.Done();
        }
    }

    private async ValueTask<long> ReadRequestIdAsync()
    {
        byte[] idBytes = new byte[8];
        await _reader.ReadBodyAsync(idBytes).ConfigureAwait(false);
        return BinaryPrimitives.ReadInt64LittleEndian(idBytes);
    }

    // An answer nobody waits for any more (cancelled or timed out): read in bounded pieces and let go.
    private async ValueTask DiscardAsync(int length)
    {
        Interlocked.Increment(ref _unclaimedAnswers);
        byte[] discard = ArrayPool<byte>.Shared.Rent(Math.Min(length, 1 << 20));
        for (int left = length; left > 0; left -= Math.Min(left, discard.Length))
        {
            await _reader.ReadBodyAsync(discard.AsMemory(0, Math.Min(left, discard.Length))).ConfigureAwait(false);
        }

        ArrayPool<byte>.Shared.Return(discard);
    }

    // A chunk request is answered by a chunk response, a single one by a response or an item error.
    private static void RequireChunk(Pending pending, long id, bool chunk)
    {
        if (chunk != pending.ChunkItems > 0)
        {
            throw new ProtocolViolationException(
                WorkerErrorCode.MalformedFrame,
                chunk ? $"a chunk answer to request {id}, which carried one item" : $"a single answer to request {id}, which carried a chunk of {pending.ChunkItems} items");
        }
    }

    private void Dispatch(FrameType type, byte[] frame)
    {
        var body = new ReadOnlySequence<byte>(frame);
        switch (type)
        {
            case FrameType.HelloOk:
                (ushort version, int pid, bool aot) = WireFormat.ReadHelloOk(body);
                if (version != WireFormat.Version)
                {
                    throw new WorkerProtocolException(WorkerErrorCode.VersionMismatch, $"{_peer} speaks protocol version {version}, the parent {WireFormat.Version}.");
                }

                _hello.TrySetResult((pid, aot));
                break;
            case FrameType.Response:
                // Shorter than an id: ReadResponse refuses it.
                WireFormat.ReadResponse(body);
                break;
            case FrameType.Error:
                (long errorId, WorkerErrorCode code, string message) = WireFormat.ReadError(body);
                if (errorId != 0 && code == WorkerErrorCode.ItemFailed)
                {
                    Interlocked.Decrement(ref _unanswered);
                    // An item's own failure; nobody may be waiting any more (cancelled or timed out).
                    if (_pending.TryGetValue(errorId, out Pending? failed))
                    {
                        // A chunk's items fail inside its answer, never by the request's id.
                        RequireChunk(failed, errorId, chunk: false);
                        failed.Answer.TrySetException(new RemoteItemException(message));
                    }
                    else
                    {
                        Interlocked.Increment(ref _unclaimedAnswers);
                    }
                }
                else
                {
                    // The worker refused the conversation and stops.
                    throw new WorkerProtocolException(code, $"{_peer} refused: {message}.");
                }

                break;
            default:
                throw new ProtocolViolationException(WorkerErrorCode.MalformedFrame, $"unexpected {type} frame from the worker");
        }
    }

    /// <summary>A request waiting for its answer, and the buffer the answer may be read into.</summary>
    /// <param name="buffer">Where a single item's answer may be read.</param>
    /// <param name="chunkItems">The items of a chunk request; 0 for a single item.</param>
    private sealed class Pending(Memory<byte> buffer, int chunkItems)
    {
        // 0: waiting; 1: the reader is filling the buffer; 2: released (the reader may not touch the buffer).
        private int _state;
        private TaskCompletionSource? _filled;

        public Memory<byte> Buffer { get; } = buffer;

        public int ChunkItems { get; } = chunkItems;

        // The request's id, set before its frame is written.
        public long Id { get; set; }

        // A chunk's answers, set by the reader before it completes Answer.
        public ChunkItemAnswer[]? Items { get; set; }

        // Continuations never run on the reading thread: a caller that disposes this connection from one would wait
        // for the very loop it runs on.
        public TaskCompletionSource<ReadOnlyMemory<byte>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryClaim() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;

        public void Done()
        {
            TaskCompletionSource? filled;
            lock (this)
            {
                _state = 3;
                filled = _filled;
            }

            filled?.TrySetResult();
        }

        public Task Release()
        {
            if (Interlocked.CompareExchange(ref _state, 2, 0) == 0)
            {
                return Task.CompletedTask;
            }

            lock (this)
            {
                if (_state == 3)
                {
                    return Task.CompletedTask;
                }

                _filled ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _filled.Task;
            }
        }
    }
}
