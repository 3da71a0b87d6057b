using ConcurrencyBench;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>The folder a run writes its reports to, checked before anything runs.</summary>
public sealed class ResultsFolder
{
    private const string StagingName = ".bdn";

    private ResultsFolder(string path) => Path = path;

    /// <summary>Gets the full path of the folder.</summary>
    public string Path { get; }

    /// <summary>Gets where BenchmarkDotNet writes its artifacts during the run; emptied into <see cref="Path"/> afterwards.</summary>
    public string StagingPath => System.IO.Path.Combine(Path, StagingName);

    /// <summary>The default folder: <c>results/latest</c> under the repository root, whatever the working directory.</summary>
    public static string DefaultPath => System.IO.Path.Combine(RepositoryRoot.Find(), "results", "latest");

    /// <summary>Creates the folder if needed and proves it writable.</summary>
    /// <param name="path">The folder; <see cref="DefaultPath"/> when null.</param>
    /// <exception cref="UsageException">The folder cannot be created or written.</exception>
    public static ResultsFolder Prepare(string? path)
    {
        string full = System.IO.Path.GetFullPath(path ?? DefaultPath);
        try
        {
            if (File.Exists(full))
            {
                throw new IOException("it is a file, not a folder");
            }

            Directory.CreateDirectory(full);
            string probe = System.IO.Path.Combine(full, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"cannot write results to '{full}' ({ex.Message.TrimEnd('.')}): choose a writable folder with --out DIR.");
        }

        return new ResultsFolder(full);
    }

    /// <summary>
    /// Removes the reports a previous run left in the folder (class reports, run.json, summaries, REPORT.md), so that
    /// none of them can be read as this run's. Other files are left alone.
    /// </summary>
    public void RemovePreviousReports()
    {
        string[] patterns = ["ConcurrencyBench.Benchmarks.*-report*", "run.json", "summary.md", "summary.csv", "crossover.md", "crossover.csv", "REPORT.md", Reporting.Results.CPythonRun.FileName, Reporting.Results.CPythonRun.ExportFileName];
        foreach (string file in patterns.SelectMany(p => Directory.EnumerateFiles(Path, p)))
        {
            File.Delete(file);
        }
    }

    /// <summary>Moves the reports and logs BenchmarkDotNet wrote into the folder itself, and removes the staging folder.</summary>
    /// <returns>The reports now in the folder.</returns>
    public IReadOnlyList<string> CollectReports()
    {
        var moved = new List<string>();
        string staging = StagingPath;
        if (!Directory.Exists(staging))
        {
            return moved;
        }

        string stagedResults = System.IO.Path.Combine(staging, "results");
        if (Directory.Exists(stagedResults))
        {
            foreach (string file in Directory.EnumerateFiles(stagedResults))
            {
                string target = System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file));
                File.Move(file, target, overwrite: true);
                moved.Add(target);
            }
        }

        string logs = System.IO.Path.Combine(Path, "logs");
        foreach (string log in Directory.EnumerateFiles(staging, "*.log"))
        {
            Directory.CreateDirectory(logs);
            File.Move(log, System.IO.Path.Combine(logs, System.IO.Path.GetFileName(log)), overwrite: true);
        }

        Directory.Delete(staging, recursive: true);
        return moved;
    }
}
