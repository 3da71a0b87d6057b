using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ConcurrencyBench.Diagnostics;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// A benchmark process's context switches, read inside it: getrusage(2) counts every thread's, those that ended
/// included, and those of the children it waited for (a process per item), where <c>/proc/PID/status</c> counts only
/// the main thread's. When the host asks (SIGUSR2, sent while the benchmark process waits for the host between two
/// stages), the process writes its counts to a file of the folder the host named in
/// <see cref="DirectoryVariable"/>; the host reads it before it lets the process go on.
/// </summary>
/// <remarks>
/// The host sets the variable in its own environment for the run (<see cref="Enable"/>), so that every benchmark
/// process it starts inherits it without a change to the jobs (whose description run.json records). A benchmark
/// process registers its handler when this assembly loads, and only when the variable names a folder; it then writes
/// <c>PID.ready</c>, so that the host never sends the signal to a process without a handler (its default action ends
/// the process). The folder is owner-only, in the run's staging folder, and goes with it.
/// </remarks>
internal static class ContextSwitchProbe
{
    /// <summary>The environment variable that names the folder of the answers (set on the profile's jobs).</summary>
    public const string DirectoryVariable = "CONCURRENCYBENCH_PROBE_DIR";

    // How long the host waits for an answer: the handler runs on a pool thread of a process that is idle between stages.
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

    private static PosixSignalRegistration? s_registration;

    /// <summary>Gets the folder of the answers in the host while a run measures; null otherwise.</summary>
    public static string? Folder => Environment.GetEnvironmentVariable(DirectoryVariable);

    /// <summary>
    /// Asks the benchmark processes this host starts from now on for their context switches, until disposed: creates
    /// the folder of the answers (owner-only) and names it in this process's environment, which they inherit.
    /// </summary>
    /// <param name="stagingFolder">The run's staging folder; the answers go into a folder inside it.</param>
    /// <returns>What takes the variable away again.</returns>
    public static IDisposable Enable(string stagingFolder)
    {
        ArgumentNullException.ThrowIfNull(stagingFolder);
        string folder = Path.Combine(stagingFolder, "probe");
        if (OperatingSystem.IsWindows())
        {
            return new Disabler();
        }

        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment.SetEnvironmentVariable(DirectoryVariable, folder);
        return new Disabler();
    }

    /// <summary>Registers the handler in a benchmark process whose host asked for the counts (the variable is set).</summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "This assembly is the benchmark program BenchmarkDotNet's child process runs; the handler must be in place before the measured stages, and only there.")]
    internal static void RegisterIfAsked()
    {
        string? folder = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(folder) || !OperatingSystem.IsLinux() || !Directory.Exists(folder))
        {
            return;
        }

        int pid = Environment.ProcessId;
        try
        {
            s_registration = PosixSignalRegistration.Create((PosixSignal)UsageCalls.ProbeSignal, context =>
            {
                context.Cancel = true;
                Answer(folder, pid);
            });
            WriteWhole(ReadyPath(folder, pid), "");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            // The folder went (the run ended) or cannot be written: no "ready", so the host never asks; the process runs on.
        }
    }

    /// <summary>
    /// Asks benchmark process <paramref name="pid"/> for its context switches and waits for the answer; null where the
    /// process has no handler (another toolchain, not Linux), has gone, or does not answer in time.
    /// </summary>
    /// <param name="folder">The folder named in <see cref="DirectoryVariable"/>.</param>
    /// <param name="pid">The benchmark process.</param>
    public static (long Voluntary, long Involuntary)? Ask(string folder, int pid)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string answer = AnswerPath(folder, pid);
        try
        {
            if (!File.Exists(ReadyPath(folder, pid)))
            {
                return null;
            }

            File.Delete(answer);
            if (!UsageCalls.Send(pid, UsageCalls.ProbeSignal))
            {
                return null;
            }

            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!File.Exists(answer))
            {
                if (waited.Elapsed > AnswerTimeout)
                {
                    return null;
                }

                Thread.Sleep(1);
            }

            return Parse(File.ReadAllText(answer));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads an answer: the voluntary and the involuntary count, separated by a space.</summary>
    /// <param name="text">The answer's text.</param>
    internal static (long Voluntary, long Involuntary)? Parse(string text)
    {
        string[] parts = (text ?? "").Trim().Split(' ');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long voluntary)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long involuntary)
            ? (voluntary, involuntary)
            : null;
    }

    private static void Answer(string folder, int pid)
    {
        if (UsageCalls.ContextSwitches() is (long voluntary, long involuntary))
        {
            try
            {
                WriteWhole(AnswerPath(folder, pid), string.Create(CultureInfo.InvariantCulture, $"{voluntary} {involuntary}"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The host waits for the answer and reads "not measured" without it.
            }
        }
    }

    // Written under another name, then renamed: the host sees the whole answer or none.
    private static void WriteWhole(string path, string text)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    private sealed class Disabler : IDisposable
    {
        public void Dispose() => Environment.SetEnvironmentVariable(DirectoryVariable, null);
    }

    private static string ReadyPath(string folder, int pid) => Path.Combine(folder, $"{pid}.ready");

    private static string AnswerPath(string folder, int pid) => Path.Combine(folder, $"{pid}.answer");
}
