using ConcurrencyBench.Ipc;
using Microsoft.Win32.SafeHandles;

namespace ConcurrencyBench.Workloads;

/// <summary>
/// Reading N files whole and checksumming each (one pass): blocking reads (<see cref="File.ReadAllBytes"/>) or
/// asynchronous ones (<see cref="RandomAccess.ReadAsync(SafeFileHandle, Memory{byte}, long, CancellationToken)"/> on a
/// handle opened with <see cref="FileOptions.Asynchronous"/>). On Linux .NET has no asynchronous file I/O of the
/// kernel's to use: an asynchronous read runs as a blocking read on a thread-pool thread.
/// </summary>
public sealed class FileReadWorkload : IWorkload<ulong>
{
    private readonly string[] _paths;

    /// <summary>Creates the workload over existing files.</summary>
    /// <param name="paths">The files, in item order.</param>
    public FileReadWorkload(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _paths = [.. paths];
    }

    /// <inheritdoc />
    public string Id => "file-reads";

    /// <inheritdoc />
    public int Count => _paths.Length;

    /// <inheritdoc />
    public ulong Execute(int index, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Checksum.Compute(File.ReadAllBytes(Path(index)), 1);
    }

    /// <inheritdoc />
    public async ValueTask<ulong> ExecuteAsync(int index, CancellationToken cancellationToken)
    {
        using SafeFileHandle handle = File.OpenHandle(Path(index), FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        byte[] buffer = new byte[RandomAccess.GetLength(handle)];
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read), read, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new EndOfStreamException($"{Path(index)} ended after {read} of {buffer.Length} bytes.");
            }

            read += n;
        }

        return Checksum.Compute(buffer, 1);
    }

    private string Path(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_paths.Length, nameof(index));
        return _paths[index];
    }
}
