using System.ComponentModel;
using System.Diagnostics;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// Runs the original exercises in CPython (<c>scripts/cpython-exercises.py</c>) as a step of its own, after the
/// benchmarks, when <c>python3</c> is on the path. A missing or failing interpreter is one line and a skipped step,
/// never a failed suite: the .NET results stand without it.
/// </summary>
internal static class CPythonStep
{
    /// <summary>The interpreter asked for on the path.</summary>
    public const string Interpreter = "python3";

    /// <summary>
    /// Samples per benchmark in each trial of a trial run: the interval comes from the trials (the launches), so a
    /// launch needs a median, not an interval of its own (8 samples a launch made the quick profile's step 20 s; 4
    /// make each trial's about 11 s on the 2-core VM).
    /// </summary>
    public const int SamplesPerTrial = 4;

    // The quick profile's share is about 30 s; a step that hangs is stopped well after that.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>Runs the exercises into <paramref name="folder"/>.</summary>
    /// <param name="folder">The results folder.</param>
    /// <param name="profile">The profile (quick checks a subset of the prime numbers).</param>
    /// <param name="log">Where the step's one line goes.</param>
    /// <param name="interpreter">The interpreter to start (tests give a missing or failing one).</param>
    /// <param name="trial">The trial of a trial run this launch belongs to (its samples' launch), or null for a run of one pass.</param>
    /// <returns>The records to merge into run.json, or a skipped step with its reason.</returns>
    public static (CPythonRecord Record, CPythonRun? Run) Run(string folder, Profile profile, TextWriter log, string interpreter = Interpreter, int? trial = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(log);
        string script = Path.Combine(RepositoryRoot.Find(), "scripts", "cpython-exercises.py");
        var info = new ProcessStartInfo(interpreter) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] trialArgs = trial is int t ? ["--launch", t.ToString(System.Globalization.CultureInfo.InvariantCulture), "--samples", SamplesPerTrial.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
        foreach (string arg in (string[])[script, "--out", folder, "--profile", profile.Name, .. trialArgs])
        {
            info.ArgumentList.Add(arg);
        }

        string which = trial is int n ? $", trial {n}" : "";
        log.WriteLine($"cpython: running the original exercises ({interpreter} {Path.GetFileName(script)} --profile {profile.Name}{which})...");
        try
        {
            using Process process = Process.Start(info)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return Skip(log, $"the CPython exercises did not finish within {Timeout.TotalMinutes:0} minutes and were stopped");
            }

            if (process.ExitCode != 0)
            {
                string last = (error.Result + output.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
                return Skip(log, $"{interpreter} failed (exit code {process.ExitCode}): {Printable(last)}");
            }

            CPythonRun run = CPythonRun.Read(Path.Combine(folder, CPythonRun.FileName));
            log.WriteLine(output.Result.Trim());
            return (run.Interpreter, run);
        }
        catch (Win32Exception)
        {
            return Skip(log, $"{interpreter} is not on the PATH; install Python 3.10 or later to measure CPython beside .NET");
        }
        catch (ResultsException ex)
        {
            return Skip(log, ex.Message);
        }
    }

    private static (CPythonRecord, CPythonRun?) Skip(TextWriter log, string reason)
    {
        log.WriteLine($"cpython: the CPython rows were skipped: {reason}.");
        return (CPythonRecord.Skipped(reason), null);
    }

    private static string Printable(string text)
    {
        string line = new([.. text.Where(c => !char.IsControl(c))]);
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
