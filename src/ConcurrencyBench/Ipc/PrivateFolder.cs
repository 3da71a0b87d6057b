namespace ConcurrencyBench.Ipc;

/// <summary>
/// A folder only this user can enter (0700), with an unguessable name, for IPC endpoints: sockets and shared-memory
/// files are created inside it (0600) and it is removed, with everything in it, on dispose.
/// </summary>
internal sealed class PrivateFolder : IDisposable
{
    // rwx for the owner only.
    private const int OwnerOnly = 0x1C0;

    private PrivateFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>Creates the folder under <paramref name="parent"/> (the temp folder when null).</summary>
    public static PrivateFolder Create(string? parent = null)
    {
        string root = parent ?? System.IO.Path.GetTempPath();
        // 128 random bits in the name, so nobody can guess it; and CreateAt refuses a name someone did pre-create.
        return CreateAt(System.IO.Path.Combine(root, $"concurrencybench-{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}"));
    }

    /// <summary>Creates the folder at <paramref name="path"/> (tests choose the name).</summary>
    /// <exception cref="IOException">Something is already at the path (a folder or a symlink to one included), or
    /// what was made is not a folder of this user's with mode 0700.</exception>
    internal static PrivateFolder CreateAt(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return new PrivateFolder(path);
        }

        // mkdir itself, not Directory.CreateDirectory: that succeeds on an existing folder (or a symlink to one) and
        // leaves its mode alone, so a folder someone planted at the name would be used as if it were ours.
        UnixCalls.MakeDirectory(path, OwnerOnly);
        var folder = new PrivateFolder(path);
        try
        {
            // The umask may have taken bits away; then check what is at the path now, not through a symlink.
            UnixCalls.ChangeMode(path, OwnerOnly);
            UnixCalls.PathStatus status = UnixCalls.StatNoFollow(path);
            if (!status.IsDirectory || status.Permissions != OwnerOnly || status.Owner != UnixCalls.EffectiveUserId)
            {
                throw new IOException($"'{path}' is not a folder of user {UnixCalls.EffectiveUserId} with mode 0700 (mode {Convert.ToString(status.Permissions, 8)}, owner {status.Owner}): refusing to use it.");
            }
        }
        catch
        {
            folder.Dispose();
            throw;
        }

        return folder;
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
