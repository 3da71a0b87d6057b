namespace ConcurrencyBench.Ipc;

/// <summary>
/// A folder only this user can enter (0700), with an unguessable name, for IPC endpoints: sockets and shared-memory
/// files are created inside it (0600) and it is removed, with everything in it, on dispose.
/// </summary>
internal sealed class PrivateFolder : IDisposable
{
    // rwx for the owner only.
    private const int OwnerOnly = 0x1C0;
    private const string Prefix = "concurrencybench-";

    private PrivateFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>Creates the folder under <paramref name="parent"/> (the temp folder when null), after removing any
    /// there whose creator is dead.</summary>
    public static PrivateFolder Create(string? parent = null)
    {
        string root = parent ?? System.IO.Path.GetTempPath();
        if (!OperatingSystem.IsWindows())
        {
            SweepOrphans(root);
        }

        // The creator's pid, for the sweep, then 128 random bits, so nobody can guess the name; and CreateAt refuses a
        // name someone did pre-create.
        return CreateAt(System.IO.Path.Combine(root, $"{Prefix}{Environment.ProcessId}-{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}"));
    }

    // A folder lives from its creation to the end of a set-up (milliseconds: a socket until the worker connects), so
    // only a creator killed in that window leaves one: the next folder made in the same place removes it. Only this
    // user's folders, checked with lstat; a pid that was reused keeps its folder until the pid is free again.
    private static void SweepOrphans(string root)
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(root, Prefix + "*-*"))
        {
            string name = System.IO.Path.GetFileName(entry);
            int dash = name.IndexOf('-', Prefix.Length);
            if (!int.TryParse(name.AsSpan(Prefix.Length, dash - Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int creator)
                || creator == Environment.ProcessId
                || Directory.Exists($"/proc/{creator}"))
            {
                continue;
            }

            try
            {
                UnixCalls.PathStatus status = UnixCalls.StatNoFollow(entry);
                if (status.IsDirectory && status.Owner == UnixCalls.EffectiveUserId)
                {
                    Directory.Delete(entry, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone already (another sweeper), or not ours to remove.
            }
        }
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
