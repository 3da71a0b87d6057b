using ConcurrencyBench.Ipc;

namespace ConcurrencyBench.Tests.Ipc;

/// <summary>What the transports could leave behind: private folders in the temp folder and under /dev/shm.</summary>
public static class IpcLeftovers
{
    public static string[] Scan() =>
        [.. new[] { Path.GetTempPath(), "/dev/shm" }
            .Distinct()
            .Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFileSystemEntries(root, "concurrencybench-*"))
            // The transports' private folders only (other tests keep scratch folders of their own there).
            .Where(path => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(path), "^concurrencybench-([0-9]+-)?[0-9a-f]{32}$"))
            .Order()];
}
