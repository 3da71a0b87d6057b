using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ConcurrencyBench.Ipc;

/// <summary>The few libc calls the IPC endpoints need that .NET does not expose (Linux).</summary>
internal static unsafe partial class UnixCalls
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxMode = 0x2;
    private const uint StatxUid = 0x8;
    private const int FileTypeMask = 0xF000;
    private const int Directory = 0x4000;
    private const uint MemoryFileCloseOnExec = 0x1;

    /// <summary>What <c>lstat</c> says about a path: its file type and permission bits, and its owner.</summary>
    internal readonly record struct PathStatus(bool IsDirectory, int Permissions, uint Owner);

    /// <summary>Gets the effective user id of this process.</summary>
    public static uint EffectiveUserId => GetEffectiveUserId();

    /// <summary>Creates a directory, failing when anything (a symlink included) is at the path: <c>mkdir(2)</c>.</summary>
    /// <exception cref="IOException">The path exists, or the directory cannot be made.</exception>
    public static void MakeDirectory(string path, int mode)
    {
        if (MakeDirectoryCore(path, mode) != 0)
        {
            throw Failure("mkdir", path);
        }
    }

    /// <summary>Sets a path's permission bits: <c>chmod(2)</c>.</summary>
    public static void ChangeMode(string path, int mode)
    {
        if (ChangeModeCore(path, mode) != 0)
        {
            throw Failure("chmod", path);
        }
    }

    /// <summary>Describes the path itself, not what a symlink there points to: <c>statx(2)</c> with
    /// <c>AT_SYMLINK_NOFOLLOW</c>, whose buffer has the same layout on every architecture (unlike <c>struct stat</c>).</summary>
    public static PathStatus StatNoFollow(string path)
    {
        byte* buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxMode | StatxUid, buffer) != 0)
        {
            throw Failure("lstat", path);
        }

        // struct statx: stx_uid at 20, stx_mode at 28.
        uint owner = *(uint*)(buffer + 20);
        int mode = *(ushort*)(buffer + 28);
        return new PathStatus((mode & FileTypeMask) == Directory, mode & 0xFFF, owner);
    }

    /// <summary>Creates an anonymous file in memory, close-on-exec: <c>memfd_create(2)</c>.</summary>
    /// <param name="name">Its name in <c>/proc/&lt;pid&gt;/maps</c> (<c>/memfd:NAME</c>); no folder holds it.</param>
    public static SafeFileHandle CreateMemoryFile(string name)
    {
        int fd = MemoryFileCreate(name, MemoryFileCloseOnExec);
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw Failure("memfd_create", name);
    }

    /// <summary>Sets a file's length and reserves its blocks now, not on first touch: <c>ftruncate</c>, <c>fallocate</c>.</summary>
    /// <exception cref="IOException">There is not that much memory (or space) to reserve.</exception>
    public static void Reserve(SafeFileHandle file, long length)
    {
        bool added = false;
        try
        {
            file.DangerousAddRef(ref added);
            int fd = (int)file.DangerousGetHandle();
            if (Truncate(fd, length) != 0)
            {
                throw Failure("ftruncate", $"fd {fd}");
            }

            if (Allocate(fd, 0, 0, length) != 0)
            {
                throw Failure("fallocate", $"fd {fd}");
            }
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    /// <summary>Gets the id of this process's parent: <c>getppid(2)</c>.</summary>
    public static int ParentProcessId => GetParentProcessId();

    private static IOException Failure(string call, string path)
    {
        int errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call} '{path}' failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).", errno);
    }

    /// <summary>
    /// Writes <paramref name="first"/> then <paramref name="second"/> to a blocking descriptor with <c>writev(2)</c>:
    /// one system call (and one wake-up of the reader) where two writes would take two.
    /// </summary>
    /// <exception cref="IOException">The write failed (EPIPE: the reader has gone).</exception>
    public static void WriteBoth(SafeHandle handle, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        bool added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            int fd = (int)handle.DangerousGetHandle();
            fixed (byte* a = first)
            fixed (byte* b = second)
            {
                IoVector* vectors = stackalloc IoVector[2];
                vectors[0] = new IoVector(a, first.Length);
                vectors[1] = new IoVector(b, second.Length);
                int index = first.IsEmpty ? 1 : 0;
                while (index < 2)
                {
                    nint written = WriteVector(fd, vectors + index, 2 - index);
                    if (written < 0)
                    {
                        int errno = Marshal.GetLastPInvokeError();
                        if (errno == 4)
                        {
                            continue; // EINTR
                        }

                        throw new IOException($"writev failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
                    }

                    // A blocking pipe writes all unless a signal cut it short: go on from where it stopped.
                    while (index < 2 && written >= (nint)vectors[index].Length)
                    {
                        written -= (nint)vectors[index].Length;
                        index++;
                    }

                    if (index < 2)
                    {
                        vectors[index] = new IoVector((byte*)vectors[index].Base + written, (int)((nint)vectors[index].Length - written));
                    }
                }
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct IoVector(void* start, int length)
    {
        public readonly void* Base = start;
        public readonly nuint Length = (nuint)length;
    }

    [LibraryImport("libc", EntryPoint = "writev", SetLastError = true)]
    private static partial nint WriteVector(int fd, IoVector* vectors, int count);

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MakeDirectoryCore(string path, int mode);

    [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int ChangeModeCore(string path, int mode);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "memfd_create", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MemoryFileCreate(string name, uint flags);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int Truncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int Allocate(int fd, int mode, long offset, long length);

    /// <summary>
    /// Blocks until the other end of the pipe <paramref name="fd"/> reads from is closed by every writer (<c>poll(2)</c>
    /// asking for no event: only a hang-up or an error wakes it); data waiting in the pipe does not.
    /// </summary>
    /// <returns>True on a hang-up or error of the descriptor; false when it cannot be watched (<c>poll</c> failed).</returns>
    public static bool WaitForHangUp(int fd)
    {
        var watched = new PollDescriptor { Descriptor = fd };
        while (true)
        {
            int ready = Poll(&watched, 1, -1);
            if (ready > 0)
            {
                return true;
            }

            if (ready < 0 && Marshal.GetLastPInvokeError() != InterruptedCall)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Blocks until <paramref name="data"/> has something to read (or has hung up, or failed) or until
    /// <paramref name="wake"/> (an event counter, <see cref="CreateEventCounter"/>) is signalled: <c>poll(2)</c> on both.
    /// </summary>
    /// <returns>True when <paramref name="data"/> is ready, or when the two cannot be watched (a read then tells why);
    /// false when only <paramref name="wake"/> was signalled (it is reset).</returns>
    public static bool WaitReadableOrWoken(SafeHandle data, SafeHandle wake)
    {
        bool dataAdded = false;
        bool wakeAdded = false;
        try
        {
            data.DangerousAddRef(ref dataAdded);
            wake.DangerousAddRef(ref wakeAdded);
            PollDescriptor* watched = stackalloc PollDescriptor[2];
            watched[0] = new PollDescriptor { Descriptor = (int)data.DangerousGetHandle(), Events = PollIn };
            watched[1] = new PollDescriptor { Descriptor = (int)wake.DangerousGetHandle(), Events = PollIn };
            while (true)
            {
                int ready = Poll(watched, 2, -1);
                if (ready < 0 && Marshal.GetLastPInvokeError() == InterruptedCall)
                {
                    continue;
                }

                if (ready <= 0 || watched[0].ReturnedEvents != 0)
                {
                    return true;
                }

                ulong count;
                _ = Read((int)wake.DangerousGetHandle(), &count, sizeof(ulong));
                return false;
            }
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
        finally
        {
            if (wakeAdded)
            {
                wake.DangerousRelease();
            }

            if (dataAdded)
            {
                data.DangerousRelease();
            }
        }
    }

    /// <summary>Creates an event counter to wake a <see cref="WaitReadableOrWoken"/> with: <c>eventfd(2)</c>,
    /// close-on-exec and non-blocking.</summary>
    /// <exception cref="IOException">No counter could be made (out of descriptors).</exception>
    public static SafeFileHandle CreateEventCounter()
    {
        int fd = EventCounter(0, EventCounterCloseOnExec | EventCounterNonBlocking);
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : throw Failure("eventfd", "a wake-up counter");
    }

    /// <summary>Signals an event counter (<see cref="CreateEventCounter"/>); a closed one is left alone.</summary>
    public static void Signal(SafeFileHandle counter)
    {
        bool added = false;
        try
        {
            counter.DangerousAddRef(ref added);
            ulong one = 1;
            _ = Write((int)counter.DangerousGetHandle(), &one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // Closed: nobody waits on it any more.
        }
        finally
        {
            if (added)
            {
                counter.DangerousRelease();
            }
        }
    }

    private const short PollIn = 0x1;
    private const int EventCounterCloseOnExec = 0x80000;
    private const int EventCounterNonBlocking = 0x800;

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    private static partial int EventCounter(uint initial, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint Read(int fd, void* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, void* buffer, nuint count);

    private const int InterruptedCall = 4; // EINTR

    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int Descriptor;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollDescriptor* descriptors, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int GetParentProcessId();

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
