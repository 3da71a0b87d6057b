namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// One measuring run per build folder at a time. BenchmarkDotNet generates its project for a job in the program's own
/// folder (<c>ConcurrencyBench.Benchmarks-&lt;Job&gt;-1</c>) and removes it when the run ends: a second run started
/// meanwhile from the same checkout shares that folder and dies with a trace when the first removes it. So a run holds
/// an exclusive lock on a file beside the program, and a second is refused at once with one line.
/// </summary>
internal sealed class CheckoutLock : IDisposable
{
    /// <summary>The lock file's name, beside the program.</summary>
    public const string FileName = ".concurrencybench-run.lock";

    private readonly FileStream _stream;

    private CheckoutLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock of <paramref name="directory"/>; null when another run holds it.</summary>
    /// <param name="directory">The program's folder.</param>
    public static CheckoutLock? TryAcquire(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix: the kernel drops it with the process, so a
            // killed run leaves nothing that blocks the next one.
            var held = new CheckoutLock(new FileStream(Path.Combine(directory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            File.WriteAllText(Path.Combine(directory, FileName + ".pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return held;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The process that holds the lock of <paramref name="directory"/>, as it wrote itself down; null when unknown.</summary>
    /// <param name="directory">The program's folder.</param>
    public static int? Holder(string directory)
    {
        try
        {
            return int.TryParse(File.ReadAllText(Path.Combine(directory, FileName + ".pid")), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
