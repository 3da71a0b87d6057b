namespace ConcurrencyBench.Ipc;

/// <summary>
/// A folder only this user can enter (0700), with an unguessable name, for IPC endpoints: sockets and shared-memory
/// files are created inside it (0600) and it is removed, with everything in it, on dispose.
/// </summary>
internal sealed class PrivateFolder : IDisposable
{
    private PrivateFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>Creates the folder under <paramref name="parent"/> (the temp folder when null).</summary>
    public static PrivateFolder Create(string? parent = null)
    {
        string root = parent ?? System.IO.Path.GetTempPath();
        // 128 random bits in the name; CreateDirectory with a mode is atomic (mkdir), so nobody can pre-create it.
        return CreateAt(System.IO.Path.Combine(root, $"concurrencybench-{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}"));
    }

    /// <summary>Creates the folder at <paramref name="path"/> (tests choose the name).</summary>
    internal static PrivateFolder CreateAt(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new PrivateFolder(path);
    }

    /// <summary>A path for a new entry in the folder.</summary>
    public string Entry(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already removed.
        }
    }
}
