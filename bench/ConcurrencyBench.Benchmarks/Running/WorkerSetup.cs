using System.Diagnostics;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// Makes the workers ready before anything runs: publishes the NativeAOT worker when it is missing or older than
/// its sources, and pins both workers' paths in the environment, which BenchmarkDotNet's child processes inherit.
/// </summary>
internal static class WorkerSetup
{
    /// <summary>
    /// The longest the publish may take (a cold NativeAOT publish with its restore takes about a minute here): an
    /// offline restore that stalls would otherwise stall the suite before anything runs.
    /// </summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);

    public static void Prepare(TextWriter log)
    {
        string root = RepositoryRoot.Find();
        string script = Path.Combine(root, "scripts", "publish-worker-aot.sh");
        string aot = Path.Combine(root, WorkerLocator.AotPublishFolder, "ConcurrencyBench.Worker");
        if (Environment.GetEnvironmentVariable(WorkerLocator.AotVariable) is null && File.Exists(script) && IsStale(aot, root))
        {
            log.WriteLine("publishing the NativeAOT worker (scripts/publish-worker-aot.sh; once, about 30 s)...");
            if (!Publish(script, log, PublishTimeout))
            {
                log.WriteLine("warning: the NativeAOT worker could not be published; its benchmarks are skipped and the Process strategies use the JIT worker.");
            }
        }

        Pin(WorkerLocator.JitVariable, WorkerLocator.TryFind(WorkerFlavor.Jit));
        Pin(WorkerLocator.AotVariable, WorkerLocator.TryFind(WorkerFlavor.NativeAot));
    }

    private static void Pin(string variable, WorkerLaunch? launch)
    {
        if (launch is not null && Environment.GetEnvironmentVariable(variable) is null)
        {
            Environment.SetEnvironmentVariable(variable, launch.IsNativeAot ? launch.FileName : launch.Arguments[^1]);
        }
    }

    private static bool IsStale(string binary, string root)
    {
        if (!File.Exists(binary))
        {
            return true;
        }

        DateTime built = File.GetLastWriteTimeUtc(binary);
        return new[] { "src/ConcurrencyBench", "src/ConcurrencyBench.Worker" }
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs*", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Any(file => File.GetLastWriteTimeUtc(file) > built);
    }

    /// <summary>Runs the publish script; false (with one line in the log) when it fails or does not end within <paramref name="timeout"/>.</summary>
    /// <param name="script">The script.</param>
    /// <param name="log">Where the outcome goes.</param>
    /// <param name="timeout">The longest it may take; past it the script and its children are killed.</param>
    internal static bool Publish(string script, TextWriter log, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add("--nologo");
        try
        {
            using Process process = Process.Start(info)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                log.WriteLine($"publish did not finish within {timeout.TotalSeconds:0} s (an offline or stalled restore?) and was stopped.");
                return false;
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                string last = (output.Result + error.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
                log.WriteLine($"publish failed (exit code {process.ExitCode}): {last}");
                return false;
            }

            return true;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            log.WriteLine($"publish failed: {ex.Message}");
            return false;
        }
    }
}
