namespace ConcurrencyBench.Reporting.Results;

/// <summary>Writes a file whole or not at all: to a temporary name in the same folder first, then renamed over the target.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/>, all or nothing.</summary>
    /// <param name="path">The file.</param>
    /// <param name="contents">Its text.</param>
    public static void WriteAllText(string path, string contents)
    {
        ArgumentNullException.ThrowIfNull(path);
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            File.WriteAllText(temp, contents);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
