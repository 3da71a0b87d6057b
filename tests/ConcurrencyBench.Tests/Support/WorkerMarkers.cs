using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Support;

/// <summary>
/// A private folder where the diagnostic workload's items mark their start and end (see <see cref="DiagnosticWorkload"/>),
/// read from outside the workers: what started, and what is still running in a live process.
/// </summary>
public sealed class WorkerMarkers : IDisposable
{
    /// <summary>Creates a fresh folder (mode 0700) directly in the temp folder, as the worker requires.</summary>
    public WorkerMarkers() => Folder = Directory.CreateTempSubdirectory(DiagnosticWorkload.MarkerFolderPrefix).FullName;

    /// <summary>Gets the folder's full path.</summary>
    public string Folder { get; }

    /// <summary>Gets how many items started: each leaves a file that it never deletes.</summary>
    public int Started => Directory.GetFiles(Folder, "*" + DiagnosticWorkload.StartedSuffix).Length;

    /// <summary>
    /// Gets how many items are running: their file is still there and the worker in their name is alive (a worker
    /// killed mid-item cannot delete its file). A recycled pid could only make this count too many, never too few.
    /// </summary>
    public int Running => Directory.GetFiles(Folder, "*" + DiagnosticWorkload.RunningSuffix).Count(path => IsAlive(WorkerOf(path)));

    /// <summary>Gets the indices of the items that started, one per start (an item started twice appears twice).</summary>
    public int[] StartedIndices => [.. Directory.GetFiles(Folder, "*" + DiagnosticWorkload.StartedSuffix).Select(IndexOf)];

    /// <summary>Gets the indices of the items that finished (their running file is gone), one per finish.</summary>
    public int[] FinishedIndices =>
        [.. Directory.GetFiles(Folder, "*" + DiagnosticWorkload.StartedSuffix)
            .Where(path => !File.Exists(path[..^DiagnosticWorkload.StartedSuffix.Length] + DiagnosticWorkload.RunningSuffix))
            .Select(IndexOf)];

    /// <summary>Gets the indices of the items that started in worker <paramref name="pid"/>, one per start.</summary>
    public int[] StartedIn(int pid) =>
        [.. Directory.GetFiles(Folder, "*" + DiagnosticWorkload.StartedSuffix).Where(path => WorkerOf(path) == pid).Select(IndexOf)];

    /// <summary>Gets the indices of the items running in worker <paramref name="pid"/>; none once it is dead.</summary>
    public int[] RunningIn(int pid) =>
        IsAlive(pid) ? [.. Directory.GetFiles(Folder, "*" + DiagnosticWorkload.RunningSuffix).Where(path => WorkerOf(path) == pid).Select(IndexOf)] : [];

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    // A marker is named <index>-<pid>-<unique><suffix>.
    private static int IndexOf(string path) => int.Parse(Path.GetFileName(path).Split('-')[0]);

    private static int WorkerOf(string path) => int.Parse(Path.GetFileName(path).Split('-')[1]);

    // Alive: /proc has it and it is not a zombie (a killed worker its parent has not reaped yet).
    private static bool IsAlive(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }

        // The state follows the command name, which is in parentheses and may itself hold spaces or parentheses.
        char state = stat[(stat.LastIndexOf(')') + 2)..][0];
        return state is not ('Z' or 'X');
    }
}
