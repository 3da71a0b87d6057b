using System.Buffers;
using System.Diagnostics;
using ConcurrencyBench.Processes.Protocol;

namespace ConcurrencyBench.Processes;

/// <summary>
/// One worker process and the protocol conversation over its standard input and output. It owns the process:
/// disposing closes the worker's input (it exits) and kills it if it does not.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly StderrTail _stderr = new();
    private Task _stderrRead = Task.CompletedTask;
    private WorkerConnection _connection = null!;
    private int _disposed;

    private WorkerProcess(Process process, WorkerLaunch launch)
    {
        _process = process;
        Launch = launch;
        ProcessId = process.Id;
    }

    /// <summary>Gets how this worker was started.</summary>
    public WorkerLaunch Launch { get; }

    /// <summary>Gets the worker's process id.</summary>
    public int ProcessId { get; }

    /// <summary>Gets a value indicating whether the worker said it runs as NativeAOT.</summary>
    public bool IsNativeAot { get; private set; }

    /// <summary>Gets a value indicating whether the worker process has exited (or can no longer answer).</summary>
    public bool HasExited => _connection.Fault is not null || _process.HasExited;

    /// <summary>Gets the conversation over the worker's standard input and output.</summary>
    public WorkerConnection Connection => _connection;

    private string Peer => $"the {Launch.Flavor} worker (pid {ProcessId})";

    /// <summary>Starts a worker and completes the version handshake.</summary>
    /// <param name="launch">Which program to start.</param>
    /// <param name="handshakeTimeout">How long the worker may take to answer the hello.</param>
    /// <param name="maxFrameSize">The largest frame body either side accepts.</param>
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
        ChildRuntimeDiagnostics.TurnOff(info);
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new WorkerExitedException($"cannot start the {launch.Flavor} worker '{launch.FileName}': {ex.Message}.");
        }

        WorkerRegistry.Add(process);
        var worker = new WorkerProcess(process, launch);
        try
        {
            worker._stderrRead = worker._stderr.ReadAsync(process.StandardError.BaseStream);
            PipeBuffers.TryEnlarge(process.StandardInput.BaseStream);
            PipeBuffers.TryEnlarge(process.StandardOutput.BaseStream);
            worker._connection = new WorkerConnection(
                process.StandardInput.BaseStream, process.StandardOutput.BaseStream, maxFrameSize, worker.Peer, worker.DescribeExitAsync, worker.Kill, blockingReads: true);
            (_, bool aot) = await worker._connection.HandshakeAsync(protocolVersion, handshakeTimeout, cancellationToken).ConfigureAwait(false);
            worker.IsNativeAot = aot;
            return worker;
        }
        catch
        {
            await worker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends one request over the worker's standard input and waits for its answer.</summary>
    /// <inheritdoc cref="WorkerConnection.RequestAsync(string, Action{IBufferWriter{byte}}, CancellationToken)"/>
    public Task<ReadOnlyMemory<byte>> RequestAsync(string workloadId, Action<IBufferWriter<byte>> writePayload, CancellationToken cancellationToken = default) =>
        _connection.RequestAsync(workloadId, writePayload, cancellationToken);

    /// <summary>Sends raw bytes as if they were a frame: for tests of the worker's refusals.</summary>
    internal Task SendRawAsync(byte[] bytes) => _connection.SendRawAsync(bytes);

    /// <summary>Waits until the worker has exited and the parent has read all it said.</summary>
    /// <returns>The exception that ended the conversation.</returns>
    internal async Task<Exception> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _connection.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _connection.Fault!;
    }

    /// <summary>Waits, with no grace and no kill, until the worker has exited; returns its exit code (tests tell an exit
    /// of its own from a kill with it).</summary>
    internal async Task<int> WaitForExitCodeAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Kills the worker at once (a hung or unwanted worker).</summary>
    public void Kill() => ChildProcess.KillQuietly(_process);

    /// <summary>Closes the worker's input; it exits. Kills it if it has not within two seconds.</summary>
    /// <remarks>The two seconds include waiting for a frame still being written: a write blocked on a worker that
    /// reads nothing is ended by the kill, so dispose never waits longer than the grace and the exit.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            using var grace = new CancellationTokenSource(ExitGrace);
            using (grace.Token.UnsafeRegister(static w => ((WorkerProcess)w!).Kill(), this))
            {
                if (_connection is not null)
                {
                    try
                    {
                        await _connection.CloseOutputAsync().ConfigureAwait(false);
                    }
                    catch (IOException)
                    {
                        // Already gone.
                    }
                }

                // Bounded (see ChildProcess.WaitForExitAsync); the grace's kill ends any worker still running.
                if (!await ChildProcess.WaitForExitAsync(_process, ExitGrace * 2).ConfigureAwait(false))
                {
                    Kill();
                }
            }

            if (_connection is not null)
            {
                await _connection.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            // The error stream's reader ends at its end (or when it is closed under it, if a process the worker left
            // behind still holds it).
            await ChildProcess.ReleaseAsync(_process, _stderrRead, ExitGrace).ConfigureAwait(false);
        }
    }

    private async Task<Exception> DescribeExitAsync()
    {
        using var grace = new CancellationTokenSource(ExitGrace);
        try
        {
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return new WorkerExitedException($"{Peer} closed its output.");
        }

        // The last words may still be in the pipe: read them before quoting them.
        await _stderrRead.WaitAsync(ExitGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        int code = _process.ExitCode;
        string how = code >= 128 || code < 0 ? $"was killed (exit code {code})" : $"exited with code {code}";
        return new WorkerExitedException($"{Peer} {how}{_stderr.Describe()}.");
    }
}
