using System.Diagnostics;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Cluster;

/// <summary>
/// One silo child process. It owns the process: disposing closes the silo's standard input (it leaves the cluster
/// and exits) and kills it if it has not exited in time. Its standard output is watched to its end, which is how the
/// parent learns at once that the silo died.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly StderrTail _stderr = new();
    private readonly TaskCompletionSource<string> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _stderrRead = Task.CompletedTask;

    // The silo's standard output, a bounded line at a time (its ready line, then anything it prints).
    private BoundedLineReader? _output;
    private int _disposed;

    private SiloProcess(Process process, int index)
    {
        _process = process;
        Index = index;
        ProcessId = process.Id;
    }

    public int Index { get; }

    public int ProcessId { get; }

    public SiloReadyLine Ready { get; private set; } = null!;

    /// <summary>Gets the time from the process start to its ready line.</summary>
    public TimeSpan TimeToReady { get; private set; }

    /// <summary>Gets the last lines the silo wrote to its standard error, as one line to end a message with.</summary>
    public string LastWords => _stderr.Describe();

    /// <summary>Gets a task that completes, with how the silo ended ("was killed (exit code 137)"), once it has exited (or closed its output).</summary>
    public Task<string> Exited => _exited.Task;

    /// <summary>Starts the silo program and waits for its ready line.</summary>
    public static async Task<SiloProcess> StartAsync(string program, int index, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Processes.WorkerLocator.DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        Processes.ChildRuntimeDiagnostics.TurnOff(info);
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(program);
        info.ArgumentList.Add($"--index={index}");
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        long start = Stopwatch.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"cannot start silo {index} ('{program}'): {ex.Message}.", ex);
        }

        // Killed with the other children on Ctrl+C, SIGTERM or exit, even when nobody disposes it.
        WorkerRegistry.Add(process);
        var silo = new SiloProcess(process, index);
        try
        {
            silo._stderrRead = silo._stderr.ReadAsync(process.StandardError.BaseStream);
            silo._output = new BoundedLineReader(process.StandardOutput.BaseStream);
            string? line;
            while ((line = await silo._output.ReadLineAsync(cancellationToken).ConfigureAwait(false)) is not null)
            {
                if (SiloReadyLine.TryParse(line) is { } ready)
                {
                    silo.Ready = ready;
                    silo.TimeToReady = Stopwatch.GetElapsedTime(start);
                    _ = silo.WatchAsync();
                    return silo;
                }

                silo._stderr.Add(line);
            }

            throw new InvalidOperationException($"silo {index} (pid {silo.ProcessId}) {await silo.DescribeExitAsync().ConfigureAwait(false)} before it was ready{silo._stderr.Describe()}.");
        }
        catch
        {
            await silo.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills the silo at once, as SIGKILL would.</summary>
    public void Kill() => ChildProcess.KillQuietly(_process);

    /// <summary>Closes the silo's input; it leaves the cluster and exits. Killed if it has not within five seconds.</summary>
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
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Already gone.
            }

            // Bounded (see ChildProcess.WaitForExitAsync).
            if (!await ChildProcess.WaitForExitAsync(_process, ExitGrace).ConfigureAwait(false))
            {
                Kill();
                await ChildProcess.WaitForExitAsync(_process, ExitGrace).ConfigureAwait(false);
            }

            await ((Task)_exited.Task).WaitAsync(ExitGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            await ChildProcess.ReleaseAsync(_process, _stderrRead, ExitGrace).ConfigureAwait(false);
        }
    }

    // The silo never closes its output while it lives: the end of it is the silo's end.
    private async Task WatchAsync()
    {
        try
        {
            while (await _output!.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                _stderr.Add(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Closed under the reader by dispose.
        }

        _exited.TrySetResult(await DescribeExitAsync().ConfigureAwait(false));
    }

    private async Task<string> DescribeExitAsync()
    {
        bool exited;
        try
        {
            exited = await Task.Run(() => _process.WaitForExit(ExitGrace), CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return "is gone";
        }

        if (!exited)
        {
            return "closed its output";
        }

        await _stderrRead.WaitAsync(ExitGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        int code = _process.ExitCode;
        return code >= 128 || code < 0 ? $"was killed (exit code {code})" : $"exited with code {code}";
    }
}
