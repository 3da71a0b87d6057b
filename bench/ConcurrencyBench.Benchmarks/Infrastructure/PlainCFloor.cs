using System.Diagnostics;
using System.IO.Pipes;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// Plain C on both ends of an echo (<c>scripts/transport-floor.c</c>): the parent's side is the C library's
/// <c>cbfloor_echo</c>, called in this process on the raw descriptors, the child's side is the same source built as a
/// program. The two are compiled at set-up with the C compiler found (<c>$CC</c>, else <c>cc</c>) into a private
/// folder, which is gone before the first call. What an echo costs where no runtime stands between the system
/// calls: the floor of the suite's echo transports, measured as rows of the same trials.
/// </summary>
public sealed unsafe class PlainCFloor : IDisposable
{
    /// <summary>The source, embedded in this assembly (scripts/transport-floor.c).</summary>
    public const string SourceName = "transport-floor.c";

    private const string LibraryName = "libtransportfloor.so";
    private const string ProgramName = "transport-floor";

    private static readonly Lazy<string?> CompilerMissing = new(() => ProblemWith(Compiler));
    private readonly Process _child;
    private readonly nint _library;
    private readonly delegate* unmanaged<int, int, byte*, byte*, nint, int> _echo;
    private readonly SafeHandle _write;
    private readonly SafeHandle _read;
    private readonly IDisposable[] _owned;
    private bool _disposed;

    private PlainCFloor(Process child, string library, SafeHandle write, SafeHandle read, IDisposable[] owned)
    {
        nint loaded = NativeLibrary.Load(library);
        try
        {
            var blocking = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(loaded, "cbfloor_blocking");
            foreach (SafeHandle handle in new[] { write, read }.Distinct())
            {
                if (blocking((int)handle.DangerousGetHandle()) is int error and not 0)
                {
                    throw new IOException($"cannot make the plain-C echo's descriptor blocking: {Marshal.GetPInvokeErrorMessage(-error)}.");
                }
            }

            _echo = (delegate* unmanaged<int, int, byte*, byte*, nint, int>)NativeLibrary.GetExport(loaded, "cbfloor_echo");
        }
        catch
        {
            NativeLibrary.Free(loaded);
            throw;
        }

        _library = loaded;
        _child = child;
        _write = write;
        _read = read;
        _owned = owned;
        // The descriptors stay open while the C side uses them by number.
        bool added = false;
        _write.DangerousAddRef(ref added);
        added = false;
        _read.DangerousAddRef(ref added);
    }

    /// <summary>Gets the compiler command: <c>$CC</c>, else <c>cc</c>.</summary>
    public static string Compiler => Environment.GetEnvironmentVariable("CC") is { Length: > 0 } cc ? cc : "cc";

    /// <summary>Gets why the floor cannot be built here (no C compiler, or not Linux), or null when it can.</summary>
    public static string? MissingReason => CompilerMissing.Value;

    /// <summary>Gets the child's process id.</summary>
    public int ProcessId => _child.Id;

    /// <summary>Builds the floor and starts its child on a pair of pipes, each raised to the suite's 1 MiB buffer.</summary>
    public static PlainCFloor StartPipe()
    {
        using PrivateFolder build = Build();
        Process child = Start(build.Entry(ProgramName), ["pipe"]);
        return Connected(child, () =>
        {
            var input = (PipeStream)child.StandardInput.BaseStream;
            var output = (PipeStream)child.StandardOutput.BaseStream;
            PipeBuffers.TryEnlarge(input);
            PipeBuffers.TryEnlarge(output);
            return new PlainCFloor(child, build.Entry(LibraryName), input.SafePipeHandle, output.SafePipeHandle, []);
        });
    }

    /// <summary>Builds the floor and starts its child, which connects to a Unix domain socket in a private folder.</summary>
    /// <param name="setupTimeout">How long the child may take to connect.</param>
    public static PlainCFloor StartSocket(TimeSpan setupTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(setupTimeout, TimeSpan.Zero);
        using PrivateFolder build = Build();
        using var endpoint = PrivateFolder.Create();
        string path = endpoint.Entry("s");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        listener.Listen(1);
        Process child = Start(build.Entry(ProgramName), ["socket", path]);
        return Connected(child, () =>
        {
            if (!listener.Poll(setupTimeout, SelectMode.SelectRead))
            {
                throw new InvalidOperationException($"the plain-C echo (pid {child.Id}) did not connect to its socket within {setupTimeout.TotalSeconds:0} s.");
            }

            Socket socket = listener.Accept();
            try
            {
                return new PlainCFloor(child, build.Entry(LibraryName), socket.SafeHandle, socket.SafeHandle, [socket]);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        });
    }

    /// <summary>Sends <paramref name="payload"/> to the child and reads its echo into <paramref name="reply"/>, in C.</summary>
    /// <param name="payload">The bytes to send.</param>
    /// <param name="reply">Where the echo lands; as long as the payload.</param>
    /// <exception cref="IOException">The echo failed: the child is gone (killed on a deadline, or crashed).</exception>
    public void Echo(ReadOnlySpan<byte> payload, Span<byte> reply)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(reply.Length, payload.Length, nameof(reply));
        int result;
        fixed (byte* p = payload)
        fixed (byte* r = reply)
        {
            result = _echo((int)_write.DangerousGetHandle(), (int)_read.DangerousGetHandle(), p, r, payload.Length);
        }

        if (result != 0)
        {
            throw new IOException($"the plain-C echo of {payload.Length} bytes failed: {Marshal.GetPInvokeErrorMessage(-result)} (the child, pid {_child.Id}, {(_child.HasExited ? "is gone" : "is still running")}).");
        }
    }

    /// <summary>Kills the child, as a deadline does: a call in progress ends with an <see cref="IOException"/>.</summary>
    public void Kill() => ChildProcess.KillQuietly(_child);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _write.DangerousRelease();
        _read.DangerousRelease();
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }

        // Its input closed, the child's read ends and it exits; one that does not is killed.
        _child.StandardInput.Dispose();
        if (!_child.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            ChildProcess.KillQuietly(_child);
            _child.WaitForExit(TimeSpan.FromSeconds(5));
        }

        WorkerRegistry.Remove(_child);
        _child.StandardOutput.Dispose();
        _child.Dispose();
        NativeLibrary.Free(_library);
    }

    // The floor made from a started child; a child whose floor cannot be made is killed and released.
    private static PlainCFloor Connected(Process child, Func<PlainCFloor> connect)
    {
        try
        {
            return connect();
        }
        catch
        {
            ChildProcess.KillQuietly(child);
            child.WaitForExit(TimeSpan.FromSeconds(5));
            WorkerRegistry.Remove(child);
            child.Dispose();
            throw;
        }
    }

    private static Process Start(string program, string[] arguments)
    {
        Process child = Process.Start(StartInfo(program, arguments, input: true)) ?? throw new InvalidOperationException($"cannot start {program}.");
        WorkerRegistry.Add(child);
        return child;
    }

    // No shell: the arguments go as they are. Standard output always redirected; input for the echo's child, error for
    // the compiler.
    private static ProcessStartInfo StartInfo(string program, string[] arguments, bool input)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = input,
            RedirectStandardOutput = true,
            RedirectStandardError = !input,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    // The library and the program, compiled from the embedded source into a new private folder (0700, an unguessable
    // name, swept by the next one made if this process dies first), which the caller removes once both are loaded or
    // started: nothing of the build outlives the set-up.
    private static PrivateFolder Build()
    {
        if (MissingReason is string missing)
        {
            throw new InvalidOperationException(missing);
        }

        PrivateFolder folder = PrivateFolder.Create();
        try
        {
            string source = folder.Entry(SourceName);
            using (Stream embedded = typeof(PlainCFloor).Assembly.GetManifestResourceStream(SourceName)
                ?? throw new InvalidOperationException($"{SourceName} is not embedded in {typeof(PlainCFloor).Assembly.GetName().Name}: rebuild the suite."))
            using (FileStream file = File.Create(source))
            {
                embedded.CopyTo(file);
            }

            Compile(["-O2", "-shared", "-fPIC", "-DCBFLOOR_LIBRARY", "-o", folder.Entry(LibraryName), source]);
            Compile(["-O2", "-o", folder.Entry(ProgramName), source]);
            return folder;
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    private static void Compile(string[] arguments)
    {
        (int exitCode, string error) = RunCompiler(arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{Compiler} could not build {SourceName} (exit code {exitCode}): {error.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim()}");
        }
    }

    private static (int ExitCode, string Error) RunCompiler(string[] arguments, string? compiler = null)
    {
        compiler ??= Compiler;
        using Process process = Process.Start(StartInfo(compiler, arguments, input: false)) ?? throw new InvalidOperationException($"cannot start {compiler}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            ChildProcess.KillQuietly(process);
            process.WaitForExit();
            return (-1, "it did not finish within a minute");
        }

        return (process.ExitCode, error.Result + output.Result);
    }

    /// <summary>Why <paramref name="compiler"/> cannot build the floor here, or null when it can.</summary>
    /// <param name="compiler">The compiler command.</param>
    internal static string? ProblemWith(string compiler)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the plain-C floor is built for Linux only";
        }

        try
        {
            return RunCompiler(["--version"], compiler).ExitCode == 0 ? null : $"the C compiler '{compiler}' does not run; install gcc (or set CC) to measure the plain-C floor";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"no C compiler ('{compiler}') on the PATH; install gcc (or set CC) to measure the plain-C floor";
        }
    }
}
