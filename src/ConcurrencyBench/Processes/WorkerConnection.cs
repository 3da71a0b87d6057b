using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using ConcurrencyBench.Processes.Protocol;

namespace ConcurrencyBench.Processes;

/// <summary>
/// The parent's side of the worker protocol over any pair of streams (a worker's standard input and output, or a
/// socket): the handshake, requests, and the matching of answers to requests.
/// </summary>
public sealed class WorkerConnection : IAsyncDisposable
{
    private readonly FrameWriter _writer;
    private readonly PipeReader _reader;
    private readonly int _maxFrameSize;
    private readonly string _peer;
    private readonly Func<Task<Exception>> _describeEnd;
    private readonly Action _onViolation;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<byte[]>> _pending = new();
    private readonly TaskCompletionSource<(int Pid, bool Aot)> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readLoop;
    private long _nextRequestId;
    private Exception? _fault;

    /// <summary>Starts reading answers from <paramref name="fromWorker"/>; call <see cref="HandshakeAsync"/> next.</summary>
    /// <param name="toWorker">Frames to the worker.</param>
    /// <param name="fromWorker">Frames from the worker.</param>
    /// <param name="maxFrameSize">The largest frame body accepted from the worker.</param>
    /// <param name="peer">Names the worker in messages ("the JIT worker (pid 42)").</param>
    /// <param name="describeEnd">Says why the worker stopped talking, once its output has closed.</param>
    /// <param name="onViolation">Called when the worker breaks the protocol (the owner then kills it).</param>
    internal WorkerConnection(Stream toWorker, Stream fromWorker, int maxFrameSize, string peer, Func<Task<Exception>> describeEnd, Action onViolation)
    {
        _writer = new FrameWriter(toWorker);
        _reader = PipeReader.Create(fromWorker, new StreamPipeReaderOptions(bufferSize: 1 << 16, leaveOpen: true));
        _maxFrameSize = maxFrameSize;
        _peer = peer;
        _describeEnd = describeEnd;
        _onViolation = onViolation;
        _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
    }

    /// <summary>Gets the exception that ended the conversation; null while it goes on.</summary>
    public Exception? Fault => _fault;

    /// <summary>Gets the task that completes when the worker's output has closed and every waiter was answered.</summary>
    internal Task Completion => _readLoop;

    /// <summary>Sends the hello and waits for the worker's answer.</summary>
    /// <returns>The worker's process id and whether it runs as NativeAOT.</returns>
    internal async Task<(int Pid, bool Aot)> HandshakeAsync(ushort protocolVersion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.WriteAsync(w => WireFormat.WriteHello(w, protocolVersion), cancellationToken).ConfigureAwait(false);
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
    /// <param name="cancellationToken">Stops waiting (the request may still run in the worker).</param>
    /// <returns>The result payload.</returns>
    /// <exception cref="RemoteItemException">The item threw in the worker.</exception>
    /// <exception cref="WorkerExitedException">The worker stopped talking before it answered.</exception>
    /// <exception cref="WorkerProtocolException">The worker refused the request.</exception>
    public Task<byte[]> RequestAsync(string workloadId, Action<IBufferWriter<byte>> writePayload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writePayload);
        var payload = new ArrayBufferWriter<byte>();
        writePayload(payload);
        return RequestAsync(workloadId, payload.WrittenMemory, cancellationToken);
    }

    /// <summary>Sends one request whose payload is already in memory, and waits for its answer.</summary>
    /// <param name="workloadId">The registered workload.</param>
    /// <param name="payload">The request payload, written into the frame as it is.</param>
    /// <param name="cancellationToken">Stops waiting (the request may still run in the worker).</param>
    /// <returns>The result payload.</returns>
    public async Task<byte[]> RequestAsync(string workloadId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workloadId);
        ThrowIfFaulted();
        long id = Interlocked.Increment(ref _nextRequestId);
        var answer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            try
            {
                await _writer.WriteAsync(w => WireFormat.WriteRequest(w, id, workloadId, payload.Span), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The worker is gone; the read loop says why.
                await _readLoop.ConfigureAwait(false);
                ThrowIfFaulted();
                throw;
            }

            // A fault that raced the registration above would otherwise never reach this waiter.
            if (_fault is not null)
            {
                answer.TrySetException(_fault);
            }

            return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Sends raw bytes as if they were a frame: for tests of the worker's refusals.</summary>
    internal Task SendRawAsync(byte[] bytes) => _writer.WriteAsync(w => w.Write(bytes)).AsTask();

    /// <summary>Closes the stream to the worker: it sees the end of its input and stops.</summary>
    internal ValueTask CloseOutputAsync() => _writer.CompleteAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Already gone.
        }

        await _readLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void ThrowIfFaulted()
    {
        if (_fault is not null)
        {
            throw _fault;
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception fault;
        try
        {
            while (true)
            {
                ReadResult read = await _reader.ReadAsync().ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = read.Buffer;
                while (WireFormat.TryReadFrame(ref buffer, _maxFrameSize, out FrameType type, out ReadOnlySequence<byte> body))
                {
                    Dispatch(type, body);
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }

            fault = await _describeEnd().ConfigureAwait(false);
        }
        catch (WorkerProtocolException ex)
        {
            fault = ex;
        }
        catch (ProtocolViolationException ex)
        {
            fault = new WorkerProtocolException(ex.Code, $"{_peer} broke the protocol: {ex.Message}.");
            _onViolation();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            fault = await _describeEnd().ConfigureAwait(false);
        }

        _fault = fault;
        await _reader.CompleteAsync().ConfigureAwait(false);
        _hello.TrySetException(fault);
        foreach (TaskCompletionSource<byte[]> pending in _pending.Values)
        {
            pending.TrySetException(fault);
        }
    }

    private void Dispatch(FrameType type, ReadOnlySequence<byte> body)
    {
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
                (long id, ReadOnlySequence<byte> payload) = WireFormat.ReadResponse(body);
                if (_pending.TryGetValue(id, out TaskCompletionSource<byte[]>? answer))
                {
                    answer.TrySetResult(payload.ToArray());
                }

                break;
            case FrameType.Error:
                (long errorId, WorkerErrorCode code, string message) = WireFormat.ReadError(body);
                if (errorId != 0 && code == WorkerErrorCode.ItemFailed && _pending.TryGetValue(errorId, out TaskCompletionSource<byte[]>? failed))
                {
                    failed.TrySetException(new RemoteItemException(message));
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
}
