namespace ConcurrencyBench;

/// <summary>Finds the repository root: the nearest folder above the program (or the working directory) holding Benchmarks.sln.</summary>
internal static class RepositoryRoot
{
    private const string Marker = "Benchmarks.sln";

    public static string Find()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker)))
                {
                    return dir.FullName;
                }
            }
        }

        return Environment.CurrentDirectory;
    }
}
