using System.Diagnostics;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// The dashboard's API service (<c>ConcurrencyBench.Service</c>) in a child process on 127.0.0.1 and a port the
/// system picks, so that the benchmark's thread pool, descriptors and diagnosers measure only the client. It exits
/// when its standard input closes: disposing closes it (and kills the service if it does not end in 5 s), and so
/// does the parent's death.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const string AssemblyName = "ConcurrencyBench.Service";

    /// <summary>The service's assembly file, as its command line names it (the cost readings leave it out).</summary>
    public const string AssemblyFileName = AssemblyName + ".dll";
    private readonly Process _process;

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Gets the service's address (loopback).</summary>
    public Uri Address { get; }

    /// <summary>Gets the service's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the service and waits for its address.</summary>
    /// <param name="timeout">How long it may take to listen.</param>
    /// <exception cref="InvalidOperationException">The service is missing, failed to start, or listened elsewhere than loopback.</exception>
    public static async Task<ServiceProcess> StartAsync(TimeSpan timeout)
    {
        string dll = Find() ?? throw new InvalidOperationException($"no {AssemblyName}.dll found: build the solution (dotnet build -c Release).");
        var info = new ProcessStartInfo(WorkerLocator.DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        ChildRuntimeDiagnostics.TurnOff(info);
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(dll);
        Process process = Process.Start(info) ?? throw new InvalidOperationException($"{AssemblyName} did not start.");
        try
        {
            // Both outputs are drained for the service's whole life, a bounded line at a time: a service that printed
            // without a newline, or more than a pipe holds, would otherwise grow the parent's memory or block itself.
            _ = DrainAsync(new BoundedLineReader(process.StandardError.BaseStream));
            var output = new BoundedLineReader(process.StandardOutput.BaseStream);
            using var cts = new CancellationTokenSource(timeout);
            string? line = await output.ReadLineAsync(cts.Token).ConfigureAwait(false);
            _ = DrainAsync(output);
            if (line is null || !Uri.TryCreate(line.Trim().TrimEnd('/') + "/", UriKind.Absolute, out Uri? address))
            {
                throw new InvalidOperationException($"{AssemblyName} printed no address (exit code {(process.HasExited ? process.ExitCode : "none yet")}).");
            }

            if (!address.IsLoopback)
            {
                throw new InvalidOperationException($"{AssemblyName} listens on {address}, not on loopback.");
            }

            return new ServiceProcess(process, address);
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Closes the service's input (it stops), waits for it, kills it after 5 s.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Stop(_process);
            }
        }
        finally
        {
            _process.StandardOutput.Dispose();
            _process.Dispose();
        }
    }

    // Reads and drops the rest of an output until the service closes it (or dispose closes it under the reader).
    private static async Task DrainAsync(BoundedLineReader output)
    {
        try
        {
            while (await output.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Closed under the reader.
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }

    private static string? Find()
    {
        string? configured = Environment.GetEnvironmentVariable("CONCURRENCYBENCH_SERVICE");
        IEnumerable<string> candidates = string.IsNullOrEmpty(configured)
            ? new[] { "Release", "Debug" }.Select(c => Path.Combine(RepositoryRoot.Find(), "src", AssemblyName, "bin", c, "net10.0", AssemblyName + ".dll"))
            : [configured];
        return candidates.FirstOrDefault(File.Exists);
    }
}
