using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using ConcurrencyBench.Processes.Protocol;

namespace ConcurrencyBench.Processes;

/// <summary>
/// The parent's side of one worker process: starts it, shakes hands, sends requests and matches the answers.
/// It owns the process: disposing closes the worker's input (it exits) and kills it if it does not.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly FrameWriter _writer;
    private readonly PipeReader _reader;
    private readonly int _maxFrameSize;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<byte[]>> _pending = new();
    private readonly TaskCompletionSource<(int Pid, bool Aot)> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StderrTail _stderr = new();
    private Task _readLoop = Task.CompletedTask;
    private long _nextRequestId;
    private int _disposed;
    private Exception? _fault;

    private WorkerProcess(Process process, WorkerLaunch launch, int maxFrameSize)
    {
        _process = process;
        Launch = launch;
        _maxFrameSize = maxFrameSize;
        _writer = new FrameWriter(process.StandardInput.BaseStream);
        _reader = PipeReader.Create(process.StandardOutput.BaseStream, new StreamPipeReaderOptions(bufferSize: 1 << 16));
    }

    /// <summary>Gets how this worker was started.</summary>
    public WorkerLaunch Launch { get; }

    /// <summary>Gets the worker's process id.</summary>
    public int ProcessId { get; private set; }

    /// <summary>Gets a value indicating whether the worker said it runs as NativeAOT.</summary>
    public bool IsNativeAot { get; private set; }

    /// <summary>Gets a value indicating whether the worker process has exited (or was never able to answer).</summary>
    public bool HasExited => _fault is not null || _process.HasExited;

    /// <summary>Starts a worker and completes the version handshake.</summary>
    /// <param name="launch">Which program to start.</param>
    /// <param name="handshakeTimeout">How long the worker may take to answer the hello.</param>
    /// <param name="maxFrameSize">The largest frame body accepted from the worker.</param>
    /// <param name="cancellationToken">Stops the start; the process is killed.</param>
    /// <param name="protocolVersion">The version to announce (tests use another to check the refusal).</param>
    public static async Task<WorkerProcess> StartAsync(
        WorkerLaunch launch,
        TimeSpan handshakeTimeout,
        int maxFrameSize = WireFormat.DefaultMaxFrameSize,
        CancellationToken cancellationToken = default,
        ushort protocolVersion = WireFormat.Version)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var info = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (string argument in launch.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add($"--max-frame-size={maxFrameSize}");
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        try
        {
            if (!process.Start())
            {
                throw new WorkerExitedException($"the {launch.Flavor} worker '{launch.FileName}' did not start.");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new WorkerExitedException($"cannot start the {launch.Flavor} worker '{launch.FileName}': {ex.Message}.");
        }

        var worker = new WorkerProcess(process, launch, maxFrameSize);
        worker.ProcessId = process.Id;
        WorkerRegistry.Add(process);
        try
        {
            process.ErrorDataReceived += (_, e) => worker._stderr.Add(e.Data);
            process.BeginErrorReadLine();
            worker._readLoop = Task.Run(worker.ReadLoopAsync, CancellationToken.None);
            await worker._writer.WriteAsync(w => WireFormat.WriteHello(w, protocolVersion), cancellationToken).ConfigureAwait(false);
            (int pid, bool aot) = await worker._hello.Task.WaitAsync(handshakeTimeout, cancellationToken).ConfigureAwait(false);
            worker.IsNativeAot = aot;
            Debug.Assert(pid == worker.ProcessId || pid != 0);
            return worker;
        }
        catch (Exception ex)
        {
            await worker.DisposeAsync().ConfigureAwait(false);
            if (ex is TimeoutException)
            {
                throw new WorkerExitedException($"the {launch.Flavor} worker (pid {worker.ProcessId}) did not answer the handshake within {handshakeTimeout.TotalSeconds:0.#} s.");
            }

            if (ex is IOException)
            {
                throw worker._fault ?? new WorkerExitedException($"the {launch.Flavor} worker (pid {worker.ProcessId}) closed its input during the handshake.");
            }

            throw;
        }
    }

    /// <summary>Sends one request and waits for its answer.</summary>
    /// <param name="workloadId">The registered workload.</param>
    /// <param name="writePayload">Writes the request payload.</param>
    /// <param name="cancellationToken">Stops waiting (the request may still run in the worker).</param>
    /// <returns>The result payload.</returns>
    /// <exception cref="RemoteItemException">The item threw in the worker.</exception>
    /// <exception cref="WorkerExitedException">The worker exited before it answered.</exception>
    /// <exception cref="WorkerProtocolException">The worker refused the request and exited.</exception>
    public async Task<byte[]> RequestAsync(string workloadId, Action<IBufferWriter<byte>> writePayload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workloadId);
        ArgumentNullException.ThrowIfNull(writePayload);
        ThrowIfFaulted();
        long id = Interlocked.Increment(ref _nextRequestId);
        var answer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        try
        {
            var payload = new ArrayBufferWriter<byte>();
            writePayload(payload);
            try
            {
                await _writer.WriteAsync(w => WireFormat.WriteRequest(w, id, workloadId, payload.WrittenSpan), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The worker is gone; the read loop says why.
                await _readLoop.ConfigureAwait(false);
                ThrowIfFaulted();
                throw;
            }

            return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Sends raw bytes as if they were a frame: for tests of the worker's refusals.</summary>
    /// <param name="bytes">The bytes.</param>
    internal async Task SendRawAsync(byte[] bytes)
    {
        await _writer.WriteAsync(w => w.Write(bytes)).ConfigureAwait(false);
    }

    /// <summary>Waits until the worker has exited and the parent has read all it said.</summary>
    /// <returns>The exception that ended the conversation.</returns>
    internal async Task<Exception> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _readLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _fault!;
    }

    /// <summary>Kills the worker at once (a hung or unwanted worker).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>Closes the worker's input; it exits. Kills it if it has not within two seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            try
            {
                await _writer.CompleteAsync().ConfigureAwait(false);
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Already gone.
            }

            using var grace = new CancellationTokenSource(ExitGrace);
            try
            {
                await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill();
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }

            await _readLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            WorkerRegistry.Remove(_process);
            _process.Dispose();
        }
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

            fault = await ExitedAsync().ConfigureAwait(false);
        }
        catch (WorkerProtocolException ex)
        {
            fault = ex;
        }
        catch (ProtocolViolationException ex)
        {
            fault = new WorkerProtocolException(ex.Code, $"the {Launch.Flavor} worker (pid {ProcessId}) broke the protocol: {ex.Message}.");
            Kill();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            fault = await ExitedAsync().ConfigureAwait(false);
        }

        _fault = fault;
        await _reader.CompleteAsync().ConfigureAwait(false);
        _hello.TrySetException(fault);
        foreach (TaskCompletionSource<byte[]> pending in _pending.Values)
        {
            pending.TrySetException(fault);
        }
    }

    private async Task<Exception> ExitedAsync()
    {
        using var grace = new CancellationTokenSource(ExitGrace);
        try
        {
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return new WorkerExitedException($"the {Launch.Flavor} worker (pid {ProcessId}) closed its output.");
        }

        int code = _process.ExitCode;
        string how = code >= 128 || code < 0 ? $"was killed (exit code {code})" : $"exited with code {code}";
        return new WorkerExitedException($"the {Launch.Flavor} worker (pid {ProcessId}) {how}{_stderr.Describe()}.");
    }

    private void Dispatch(FrameType type, ReadOnlySequence<byte> body)
    {
        switch (type)
        {
            case FrameType.HelloOk:
                (ushort version, int pid, bool aot) = WireFormat.ReadHelloOk(body);
                if (version != WireFormat.Version)
                {
                    throw new WorkerProtocolException(WorkerErrorCode.VersionMismatch, $"the worker speaks protocol version {version}, the parent {WireFormat.Version}.");
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
                    // The worker refused the conversation and exits.
                    throw new WorkerProtocolException(code, $"the {Launch.Flavor} worker (pid {ProcessId}) refused: {message}.");
                }

                break;
            default:
                throw new ProtocolViolationException(WorkerErrorCode.MalformedFrame, $"unexpected {type} frame from the worker");
        }
    }
}
