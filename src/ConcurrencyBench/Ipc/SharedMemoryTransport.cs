using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.MemoryMappedFiles;
using System.Text;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Ipc;

/// <summary>
/// Payloads through shared memory: an anonymous file (<c>memfd_create</c>, close-on-exec, unguessable name) that the
/// worker opens through the parent's <c>/proc/&lt;pid&gt;/fd/&lt;n&gt;</c> (which only the same user can), mapped by
/// both processes. The parent writes the payload into the region once; only its offset and length cross to the
/// worker, through the region's control block (<see cref="SharedMemorySignal.Doorbell"/>) or the pipe
/// (<see cref="SharedMemorySignal.Pipe"/>). The file never has a name in any folder, so nothing is left behind even
/// when both processes are killed, at any point; its memory goes when the last descriptor or mapping does.
/// </summary>
public sealed class SharedMemoryTransport : IPayloadTransport
{
    // How long the parent polls for an answer before it waits through the pipe instead: a sample answers in about a
    // microsecond when the worker is polling; a longer compute is not worth a spinning thread.
    private static readonly long AnswerSpinTicks = Stopwatch.Frequency / 20_000;

    // Requests with more checksum work than this (passes times bytes; about 40 µs on the reference VM) go through the
    // pipe even with the doorbell: nobody would poll for their answer, and on a busy machine the doorbell's wait
    // through the pipe costs one wake-up more than a request the worker computes and answers itself.
    private const long DoorbellWorkLimit = 256 * 1024;

    // How long the worker may take to map a new region before it is killed (it takes a millisecond).
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(30);

    // How long a cancelled request's worker has to stop before it is killed: it looks at the control block at every
    // pass (milliseconds apart even over 64 MiB), so only a worker that is stopped or hung takes this long.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    private readonly WorkerProcess _worker;
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly nint _address;
    private readonly string _key;
    private readonly SharedMemorySignal _signal;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private long _sequence;
    private Timer? _stopDeadline;
    private bool _mapped;
    private Task? _disposal;
    private int _disposed;

    private SharedMemoryTransport(WorkerProcess worker, MemoryMappedFile file, MemoryMappedViewAccessor view, string key, string name, int capacity, SharedMemorySignal signal)
    {
        RegionName = name;
        _worker = worker;
        _file = file;
        _view = view;
        _key = key;
        _signal = signal;
        MaxPayloadBytes = capacity;
        _address = AcquireAddress(view);
    }

    /// <inheritdoc />
    public string Name => _signal == SharedMemorySignal.Doorbell ? "shared-memory" : "shared-memory-pipe-signal";

    /// <inheritdoc />
    public int MaxPayloadBytes { get; }

    /// <summary>Gets the name of the region's anonymous file, as <c>/proc/&lt;pid&gt;/maps</c> shows it (<c>/memfd:NAME</c>).</summary>
    public string RegionName { get; }

    /// <summary>Gets the path the worker opened the region through (<c>/proc/&lt;parent pid&gt;/fd/&lt;n&gt;</c>); it also names the region in requests.</summary>
    internal string Key => _key;

    /// <summary>Gets a value indicating whether the worker's doorbell thread sleeps (tests see the wake-up path with it).</summary>
    internal bool WorkerParked => _disposed == 0 ? Control.WorkerParked : throw new ObjectDisposedException(nameof(SharedMemoryTransport));

    /// <summary>Creates a region for payloads of up to <paramref name="capacity"/> bytes and has <paramref name="worker"/> map it.</summary>
    /// <param name="worker">A started worker.</param>
    /// <param name="capacity">The largest payload.</param>
    /// <param name="signal">How a payload's offset and length reach the worker.</param>
    /// <param name="cancellationToken">Stops the set-up; the region is removed.</param>
    public static async Task<SharedMemoryTransport> CreateAsync(WorkerProcess worker, int capacity = 64 << 20, SharedMemorySignal signal = SharedMemorySignal.Doorbell, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, int.MaxValue - RegionControl.Size);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the shared-memory transport needs Linux (memfd_create and /proc/<pid>/fd).");
        }

        if (!Enum.IsDefined(signal))
        {
            throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown shared-memory signal.");
        }

        long regionBytes = RegionControl.Size + (long)capacity;
        // An anonymous file (memfd_create), close-on-exec so that no worker started meanwhile inherits it: it has no
        // name in any folder, so nothing is left behind whoever is killed, and its memory goes with the last
        // descriptor or mapping. The worker opens it through this process's /proc/<pid>/fd/<n>.
        string name = $"concurrencybench-{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}";
        Microsoft.Win32.SafeHandles.SafeFileHandle handle = UnixCalls.CreateMemoryFile(name);
        SharedMemoryTransport transport;
        try
        {
            // Reserved now (fallocate), not on first touch: too little memory is then a clear error here instead of
            // a SIGBUS in the middle of a copy.
            UnixCalls.Reserve(handle, regionBytes);
            string path = $"/proc/{Environment.ProcessId}/fd/{handle.DangerousGetHandle()}";
            // The mapped file owns the descriptor from here on; the transport owns the mapped file.
            MemoryMappedFile file = MemoryMappedFile.CreateFromFile(handle, null, regionBytes, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
            try
            {
                transport = new SharedMemoryTransport(worker, file, file.CreateViewAccessor(0, regionBytes, MemoryMappedFileAccess.ReadWrite), path, name, capacity, signal);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }
        catch (IOException ex)
        {
            handle.Dispose();
            throw new IOException($"cannot reserve {regionBytes:N0} bytes of shared memory: {ex.Message} Free memory, or use smaller payloads.", ex);
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        try
        {
            // Once sent, the map request is waited for (it takes a millisecond), up to the set-up's deadline or the
            // caller's cancellation; then the worker is killed, since it might still map the region later and keep it.
            // (A write blocked on the worker is ended by the connection, which kills it when the token is cancelled.)
            cancellationToken.ThrowIfCancellationRequested();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(SetupTimeout);
            try
            {
                await worker.RequestAsync(IpcHandlers.MapSharedMemory, w =>
                {
                    BinaryPrimitives.WriteInt64LittleEndian(w.GetSpan(8), regionBytes);
                    w.Advance(8);
                    Encoding.UTF8.GetBytes(transport._key, w);
                }, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                worker.Kill();
                cancellationToken.ThrowIfCancellationRequested();
                throw new WorkerExitedException($"the {worker.Launch.Flavor} worker (pid {worker.ProcessId}) did not map its shared-memory region within {SetupTimeout.TotalSeconds:0} s and was killed.");
            }

            transport._mapped = true;
        }
        catch
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return transport;
    }

    /// <inheritdoc />
    /// <remarks>Cancellation reaches the worker through the region's control block: it stops at its next pass, and the
    /// call returns once it has, so a payload is never overwritten while the worker still reads the last one.</remarks>
    public async Task<ulong> ChecksumAsync(ReadOnlyMemory<byte> payload, int passes, CancellationToken cancellationToken = default)
    {
        TransportChecks.ThrowIfTooLarge(payload.Length, MaxPayloadBytes, Name);
        ArgumentOutOfRangeException.ThrowIfNegative(passes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(passes, SharedRegion.MaxPasses);
        // One payload in the region at a time; dispose waits for it before unmapping.
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            long sequence = ++_sequence;
            using CancellationTokenRegistration cancel = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static t => ((SharedMemoryTransport)t!).CancelCurrent(), this)
                : default;
            if (_signal == SharedMemorySignal.Pipe || (long)passes * payload.Length > DoorbellWorkLimit)
            {
                StreamingCopy.Copy(payload.Span, PayloadArea);
                return await RequestChecksumAsync(sequence, payload.Length, passes, cancellationToken).ConfigureAwait(false);
            }

            return await Ring(sequence, payload.Span, passes, cancellationToken).ConfigureAwait(false);
        }
        catch (WorkerExitedException) when (cancellationToken.IsCancellationRequested)
        {
            // Killed because it did not stop in time: for the caller, the request was cancelled.
            throw new OperationCanceledException($"the request was cancelled; the worker (pid {_worker.ProcessId}) did not stop within {StopGrace.TotalSeconds:0} s and was killed", cancellationToken);
        }
        finally
        {
            // The registration is gone by now, so no deadline can be armed after this.
            Interlocked.Exchange(ref _stopDeadline, null)?.Dispose();
            _oneAtATime.Release();
        }
    }

    // The caller cancelled the request in flight: the worker stops at its next pass, and the waits end with its
    // answer. A worker that does not answer within the grace (stopped, hung) is killed, which ends them too.
    private void CancelCurrent()
    {
        Control.Cancel(Volatile.Read(ref _sequence));
        Volatile.Write(ref _stopDeadline, new Timer(static w => ((WorkerProcess)w!).Kill(), _worker, StopGrace, Timeout.InfiniteTimeSpan));
    }

    // Announce, copy, ring: the announcement wakes a sleeping worker while the copy runs, so that it is polling by the
    // time the payload is ready; then poll briefly for the answer, and wait through the pipe when it is slow to come.
    private ValueTask<ulong> Ring(long sequence, ReadOnlySpan<byte> payload, int passes, CancellationToken cancellationToken)
    {
        RegionControl control = Control;
        if (control.Announce(sequence))
        {
            Wake();
        }

        // The payload is for another core: a large one is streamed past this core's cache (and fenced, so that the
        // doorbell's release store cannot pass it).
        StreamingCopy.Copy(payload, PayloadArea);
        return Ring(control, sequence, RegionControl.Size, payload.Length, passes, cancellationToken);
    }

    private ValueTask<ulong> Ring(RegionControl control, long sequence, long offset, int length, int passes, CancellationToken cancellationToken)
    {
        bool parked = control.Ring(sequence, offset, length, passes);
        return !parked && SpinForAnswer(control, sequence)
            ? ValueTask.FromResult(TakeAnswer(control, sequence, cancellationToken))
            : new ValueTask<ulong>(WaitForAnswerAsync(sequence, cancellationToken));
    }

    /// <summary>Rings the doorbell with fields of the caller's choosing, unchecked (tests play a hostile parent: the
    /// worker must check every field it reads in the control block).</summary>
    internal async Task<ulong> RingUncheckedAsync(long offset, int length, int passes)
    {
        await _oneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            long sequence = ++_sequence;
            RegionControl control = Control;
            if (control.Announce(sequence))
            {
                Wake();
            }

            return await Ring(control, sequence, offset, length, passes, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private static bool SpinForAnswer(RegionControl control, long sequence)
    {
        long start = Stopwatch.GetTimestamp();
        int turns = 0;
        while (control.Answered < sequence)
        {
            if (Stopwatch.GetTimestamp() - start > AnswerSpinTicks)
            {
                return false;
            }

            RegionControl.Pause(ref turns);
        }

        return true;
    }

    private async Task<ulong> WaitForAnswerAsync(long sequence, CancellationToken cancellationToken)
    {
        await AwaitThroughPipeAsync(sequence).ConfigureAwait(false);
        return TakeAnswer(Control, sequence, cancellationToken);
    }

    private Task AwaitThroughPipeAsync(long sequence) =>
        RequestAsync(IpcHandlers.SharedMemoryAwait, w =>
        {
            BinaryPrimitives.WriteInt64LittleEndian(w.GetSpan(8), sequence);
            w.Advance(8);
            Encoding.UTF8.GetBytes(_key, w);
        });

    // Waits for the worker's answer whatever the caller's token says (the worker stops early when cancelled, or is
    // killed when it does not); dispose ends the wait too, since the region cannot be unmapped while a caller may
    // still read from it.
    private Task<ReadOnlyMemory<byte>> RequestAsync(string handler, Action<IBufferWriter<byte>> writePayload) =>
        _worker.RequestAsync(handler, writePayload, _closing.Token);

    // Nobody waits for the wake's own answer: the payload's answer comes through the region. A failed wake (a dead
    // worker) shows up there too, as the wait through the pipe failing.
    private void Wake() =>
        _worker.RequestAsync(IpcHandlers.SharedMemoryWake, w => Encoding.UTF8.GetBytes(_key, w))
            .ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private ulong TakeAnswer(RegionControl control, long sequence, CancellationToken cancellationToken)
    {
        (RegionStatus status, ulong result) = control.ReadAnswer();
        return status switch
        {
            RegionStatus.Done => result,
            RegionStatus.Cancelled => throw new OperationCanceledException($"request {sequence} was cancelled", cancellationToken),
            _ => throw new RemoteItemException($"{_worker.Launch.Flavor} worker (pid {_worker.ProcessId}) refused request {sequence}: its range or pass count is outside the region's bounds"),
        };
    }

    private async Task<ulong> RequestChecksumAsync(long sequence, int length, int passes, CancellationToken cancellationToken)
    {
        // A sample (no passes) reads two cache lines: the worker answers it on its reading thread.
        string handler = passes == 0 ? IpcHandlers.SharedMemorySample : IpcHandlers.SharedMemoryChecksum;
        try
        {
            ReadOnlyMemory<byte> answer = await RequestAsync(handler, w =>
            {
                Span<byte> head = w.GetSpan(24);
                BinaryPrimitives.WriteInt64LittleEndian(head, RegionControl.Size);
                BinaryPrimitives.WriteInt32LittleEndian(head[8..], length);
                BinaryPrimitives.WriteInt32LittleEndian(head[12..], passes);
                BinaryPrimitives.WriteInt64LittleEndian(head[16..], sequence);
                w.Advance(24);
                Encoding.UTF8.GetBytes(_key, w);
            }).ConfigureAwait(false);
            return BinaryPrimitives.ReadUInt64LittleEndian(answer.Span);
        }
        catch (RemoteItemException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"request {sequence} was cancelled", cancellationToken);
        }
    }

    // The parent's views of the region (valid until dispose).
    private unsafe RegionControl Control => new((byte*)_address);

    private unsafe Span<byte> PayloadArea => new((byte*)_address + RegionControl.Size, MaxPayloadBytes);

    /// <summary>
    /// Fills the payload area with <paramref name="value"/>, so that a check after a hand-off can prove the payload was
    /// written (benchmarks poison it before each iteration). Not for use while a request is in flight.
    /// </summary>
    internal void PoisonPayloadArea(byte value)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        PayloadArea.Fill(value);
    }

    /// <summary>Whether the payload area starts with <paramref name="payload"/>: what the last hand-off left there.</summary>
    internal bool PayloadAreaHolds(ReadOnlySpan<byte> payload)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return PayloadArea[..payload.Length].SequenceEqual(payload);
    }

    private static unsafe nint AcquireAddress(MemoryMappedViewAccessor view)
    {
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        return (nint)(pointer + view.PointerOffset);
    }

    /// <inheritdoc />
    /// <remarks>Stops a compute in progress, has the worker unmap the region (when it still runs), then unmaps it here.</remarks>
    public ValueTask DisposeAsync()
    {
        lock (_closing)
        {
            _disposal ??= DisposeCoreAsync();
        }

        return new ValueTask(_disposal);
    }

    private async Task DisposeCoreAsync()
    {
        if (_mapped)
        {
            Control.Cancel(long.MaxValue);
        }

        await _closing.CancelAsync().ConfigureAwait(false);
        await _oneAtATime.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_mapped && !_worker.HasExited)
            {
                await UnmapInWorkerAsync().ConfigureAwait(false);
            }

            Interlocked.Exchange(ref _disposed, 1);
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file.Dispose();
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    // Without this the worker would keep the mapping (and its memory) and a sleeping doorbell thread until it exits.
    // A worker that does not answer in time (stopped, hung) would keep them for as long: it is killed.
    private async Task UnmapInWorkerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _worker.RequestAsync(IpcHandlers.UnmapSharedMemory, w => Encoding.UTF8.GetBytes(_key, w), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _worker.Kill();
        }
        catch (Exception ex) when (ex is WorkerExitedException or WorkerProtocolException or RemoteItemException or ObjectDisposedException)
        {
        }
    }
}
