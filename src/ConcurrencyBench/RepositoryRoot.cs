namespace ConcurrencyBench;

/// <summary>
/// Finds the repository root: the nearest folder above the program (or the working directory) holding Benchmarks.sln;
/// for a pack (scripts/pack-for-bare-machine.sh), the program's own folder, which the pack marks with
/// <see cref="PackMarker"/>: a pack never searches upward, so a Benchmarks.sln planted above where it was unpacked
/// cannot choose which silo, service or worker runs.
/// </summary>
internal static class RepositoryRoot
{
    /// <summary>The file a pack puts beside the program: its commit, and "the parts are here".</summary>
    public const string PackMarker = "ConcurrencyBench.pack";

    private const string Marker = "Benchmarks.sln";

    public static string Find() => Find(AppContext.BaseDirectory, Environment.CurrentDirectory);

    /// <summary>The root, from the program's folder and the working directory (for tests).</summary>
    /// <param name="programDirectory">The program's folder.</param>
    /// <param name="currentDirectory">The working directory.</param>
    public static string Find(string programDirectory, string currentDirectory)
    {
        if (File.Exists(Path.Combine(programDirectory, PackMarker)))
        {
            return Path.GetFullPath(programDirectory);
        }

        foreach (string start in new[] { programDirectory, currentDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker)))
                {
                    return dir.FullName;
                }
            }
        }

        return currentDirectory;
    }

    /// <summary>The commit a pack was made from (the first line of its marker); null outside a pack.</summary>
    public static string? PackCommit()
    {
        string marker = Path.Combine(AppContext.BaseDirectory, PackMarker);
        return File.Exists(marker) ? File.ReadLines(marker).FirstOrDefault()?.Trim() is { Length: > 0 } commit ? commit : null : null;
    }
}
