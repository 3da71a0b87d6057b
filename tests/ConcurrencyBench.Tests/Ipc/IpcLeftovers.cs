namespace ConcurrencyBench.Tests.Ipc;

/// <summary>
/// What the transports could leave behind: private folders, in the temp folder and under /dev/shm, of this test
/// process (or of the processes named). Their names carry their creator's pid, so another run on the same host, or
/// another test's scratch folders, are not counted.
/// </summary>
public static class IpcLeftovers
{
    public static string[] Scan(params int[] creators)
    {
        int[] pids = creators.Length == 0 ? [Environment.ProcessId] : creators;
        var pattern = new System.Text.RegularExpressions.Regex($"^concurrencybench-({string.Join('|', pids)})-[0-9a-f]{{32}}$");
        return [.. new[] { Path.GetTempPath(), "/dev/shm" }
            .Distinct()
            .Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFileSystemEntries(root, "concurrencybench-*"))
            .Where(path => pattern.IsMatch(Path.GetFileName(path)))
            .Order()];
    }
}
