using System.Globalization;
using System.Text;

namespace ConcurrencyBench.Reporting.Results;

/// <summary>
/// Reads a file of a results folder as untrusted input: a regular file only (no link, FIFO or device, which could
/// block a read for ever or stream without end), and no larger than a cap, so that a hostile folder costs one line.
/// </summary>
public static class ResultsFile
{
    /// <summary>The largest <c>run.json</c> read: 16 MiB (the full reference run's is under 1 MiB).</summary>
    public const long MaxRunBytes = 16L << 20;

    /// <summary>The largest full JSON export read: 256 MiB (the full reference run's largest is under 10 MiB).</summary>
    public const long MaxExportBytes = 256L << 20;

    /// <summary>The text of <paramref name="path"/>, checked first to be a regular file of at most <paramref name="maxBytes"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The cap.</param>
    /// <exception cref="ResultsException">It is a link, not a regular file, empty, or over the cap, or cannot be read.</exception>
    public static string ReadText(string path, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            CheckRegular(path, maxBytes);
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var buffer = new MemoryStream();
            byte[] chunk = new byte[1 << 16];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    throw new ResultsException($"{path} grew past {Mebibytes(maxBytes)} MiB while it was read: results files must not change; copy the folder and report the copy.");
                }
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ResultsException($"cannot read {path} ({ex.Message.TrimEnd('.')}).");
        }
    }

    /// <summary>Whether <paramref name="path"/> is a regular file, not a link (a folder's own reports are only rewritten then).</summary>
    /// <param name="path">The file.</param>
    public static bool IsRegular(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && info.LinkTarget is null && (info.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint | FileAttributes.Directory)) == 0;
    }

    /// <summary>Throws unless <paramref name="directory"/> is <paramref name="root"/> or inside it, and not a link.</summary>
    /// <param name="root">The results folder.</param>
    /// <param name="directory">A folder the reports write into.</param>
    public static void CheckWritableFolder(string root, string directory)
    {
        string full = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar);
        string rootFull = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        if (full != rootFull && !full.StartsWith(rootFull + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ResultsException($"{full} is outside the results folder {rootFull}: the folder's files name a path they may not; run the suite again to rewrite them.");
        }

        if (new DirectoryInfo(full) is { Exists: true, LinkTarget: not null })
        {
            throw new ResultsException($"{full} is a link: the reports write only into real folders inside the results folder; remove the link and report again.");
        }
    }

    // Length 0 is what a FIFO or a character device shows: refuse before opening, since opening a FIFO blocks.
    private static void CheckRegular(string path, long maxBytes)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ResultsException($"{path} does not exist: run the suite to write it.");
        }

        if (!IsRegular(path))
        {
            throw new ResultsException($"{path} is a link or not a regular file: a results folder holds the files themselves; copy them in and report again.");
        }

        if (info.Length == 0)
        {
            throw new ResultsException($"{path} is empty or not a regular file: run the suite again to rewrite it.");
        }

        if (info.Length > maxBytes)
        {
            throw new ResultsException(string.Create(CultureInfo.InvariantCulture, $"{path} is {info.Length / (double)(1 << 20):0.#} MiB, over the {Mebibytes(maxBytes)} MiB a results file may have: it is not a file of this suite."));
        }
    }

    private static string Mebibytes(long bytes) => (bytes >> 20).ToString(CultureInfo.InvariantCulture);
}
