using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace ConcurrencyBench.Processes;

/// <summary>
/// Raises a pipe's kernel buffer from Linux's default 64 KiB to 1 MiB (<c>fcntl(F_SETPIPE_SZ)</c>): fewer wake-ups
/// per megabyte moved. Best effort: elsewhere, or past the system's limit, the pipe keeps its size.
/// </summary>
public static partial class PipeBuffers
{
    /// <summary>The buffer size asked for.</summary>
    public const int EnlargedSize = 1 << 20;
    private const int FSetPipeSize = 1031;
    private const int FGetPipeSize = 1032;

    /// <summary>Enlarges the pipe behind a file descriptor (0 and 1 in a worker).</summary>
    /// <param name="fileDescriptor">The descriptor.</param>
    /// <returns>Whether the pipe now has the larger buffer.</returns>
    public static bool TryEnlarge(int fileDescriptor) => OperatingSystem.IsLinux() && Fcntl(fileDescriptor, FSetPipeSize, EnlargedSize) >= 0;

    /// <summary>Enlarges the pipe behind a pipe stream.</summary>
    /// <param name="stream">The stream.</param>
    /// <returns>Whether the pipe now has the larger buffer.</returns>
    public static bool TryEnlarge(Stream stream) => FcntlOnPipe(stream, FSetPipeSize, EnlargedSize) >= 0;

    /// <summary>Gets the kernel buffer of the pipe behind a pipe stream (<c>fcntl(F_GETPIPE_SZ)</c>); null where it
    /// cannot be read (not Linux, not a pipe).</summary>
    /// <param name="stream">The stream.</param>
    public static int? Capacity(Stream stream) => FcntlOnPipe(stream, FGetPipeSize, 0) is int size and > 0 ? size : null;

    // fcntl on the descriptor behind a pipe stream, held against closing meanwhile; null where there is none (not
    // Linux, not a pipe).
    private static int? FcntlOnPipe(Stream stream, int command, int argument)
    {
        if (!OperatingSystem.IsLinux() || stream is not PipeStream pipe)
        {
            return null;
        }

        bool added = false;
        try
        {
            pipe.SafePipeHandle.DangerousAddRef(ref added);
            return Fcntl((int)pipe.SafePipeHandle.DangerousGetHandle(), command, argument);
        }
        finally
        {
            if (added)
            {
                pipe.SafePipeHandle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
