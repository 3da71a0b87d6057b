using System.Diagnostics;
using System.IO.MemoryMappedFiles;

namespace ConcurrencyBench.Ipc;

/// <summary>
/// The worker's side of a shared-memory region: its mapping and the thread that answers the doorbell in the region's
/// <see cref="RegionControl"/> block, both kept until the parent closes the region (or the worker exits). The thread
/// polls while a request is expected (announced, or just after an answer) and sleeps otherwise; the parent wakes it
/// through the pipe.
/// </summary>
internal sealed unsafe class SharedRegion
{
    /// <summary>The most passes one request may ask for.</summary>
    public const int MaxPasses = 1 << 20;

    // How long the poller keeps polling after an answer with nothing announced: long enough for the parent's next
    // announcement to arrive when it dispatches back to back, short enough to cost nothing when it does not.
    private static readonly long IdleSpinTicks = Stopwatch.Frequency / 20_000;

    // How long it polls for an announced payload while the parent copies it in (64 MiB takes a few milliseconds).
    private static readonly long AnnouncedSpinTicks = Stopwatch.Frequency / 10;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private readonly RegionControl _control;
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 0);
    private readonly object _answered = new();
    private readonly Thread _poller;
    private int _users;
    private volatile bool _closed;

    private SharedRegion(MemoryMappedFile file, MemoryMappedViewAccessor view, long capacity)
    {
        _file = file;
        _view = view;
        Capacity = capacity;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + view.PointerOffset;
        _control = new RegionControl(_pointer);
        _poller = new Thread(Poll) { IsBackground = true, Name = "shared-memory doorbell" };
    }

    /// <summary>Gets the region's size in bytes, control block included.</summary>
    public long Capacity { get; }

    /// <summary>Maps the parent's file and starts answering its doorbell.</summary>
    /// <param name="path">The file; the parent unlinks it once this returns.</param>
    /// <param name="capacity">The region's size, control block included.</param>
    public static SharedRegion Open(string path, long capacity)
    {
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, capacity, MemoryMappedFileAccess.ReadWrite);
        try
        {
            var region = new SharedRegion(file, file.CreateViewAccessor(0, capacity, MemoryMappedFileAccess.ReadWrite), capacity);
            region._poller.Start();
            return region;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Starts a use of the mapping from outside the doorbell thread (a request that came through the pipe).</summary>
    /// <returns>False when the region is closing: it must not be read.</returns>
    public bool TryEnter()
    {
        Interlocked.Increment(ref _users);
        if (_closed)
        {
            Interlocked.Decrement(ref _users);
            return false;
        }

        return true;
    }

    /// <summary>Ends a use started by <see cref="TryEnter"/>.</summary>
    public void Exit() => Interlocked.Decrement(ref _users);

    /// <summary>Stops the doorbell thread, waits for the uses in progress (the parent cancelled them first, so each
    /// ends within a pass; a wait for an answer is woken and ends), and unmaps the region.</summary>
    public void Close()
    {
        _closed = true;
        Wake();
        _poller.Join();
        lock (_answered)
        {
            Monitor.PulseAll(_answered);
        }

        var spinner = default(SpinWait);
        while (Volatile.Read(ref _users) != 0)
        {
            spinner.SpinOnce();
        }

        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    // The payload bytes at offset, when the range lies inside the payload area (the fields are not trusted).
    private bool TryGetPayload(long offset, int length, out ReadOnlySpan<byte> payload)
    {
        GC.KeepAlive(_file);
        GC.KeepAlive(_view);
        bool inside = offset >= RegionControl.Size && length >= 0 && offset <= Capacity - length;
        payload = inside ? new ReadOnlySpan<byte>(_pointer + offset, length) : default;
        return inside;
    }

    /// <summary>Wakes the poller if it sleeps.</summary>
    public void Wake() => _wake.Set();

    /// <summary>Wakes the poller and waits until it has answered <paramref name="sequence"/> (the parent stopped polling).</summary>
    /// <param name="sequence">The request's sequence number.</param>
    /// <param name="cancellationToken">The worker is shutting down.</param>
    public void WaitForAnswer(long sequence, CancellationToken cancellationToken)
    {
        // A use like any other: the unmap runs on another thread of the worker, and reading the control block after
        // it would fault. Close wakes this wait and waits for it to end before it unmaps.
        if (!TryEnter())
        {
            throw new InvalidOperationException(ClosedBeforeAnswer);
        }

        try
        {
            Wake();
            lock (_answered)
            {
                while (_control.Answered < sequence)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (_closed)
                    {
                        throw new InvalidOperationException(ClosedBeforeAnswer);
                    }

                    Monitor.Wait(_answered, 100);
                }
            }
        }
        finally
        {
            Exit();
        }
    }

    private const string ClosedBeforeAnswer = "the region was closed before the request was answered";

    private void Poll()
    {
        long handled = _control.Answered;
        long announced = _control.Announced;
        long lastActivity = Stopwatch.GetTimestamp();
        int spins = 0;
        while (!_closed)
        {
            long requested = _control.Requested;
            if (requested != handled)
            {
                Serve(requested);
                handled = requested;
                lastActivity = Stopwatch.GetTimestamp();
                continue;
            }

            long nowAnnounced = _control.Announced;
            if (nowAnnounced != announced)
            {
                announced = nowAnnounced;
                lastActivity = Stopwatch.GetTimestamp();
            }

            long budget = announced != handled ? AnnouncedSpinTicks : IdleSpinTicks;
            if (Stopwatch.GetTimestamp() - lastActivity < budget)
            {
                RegionControl.Pause(ref spins);
                continue;
            }

            _control.SetParked(true);
            if (_control.Requested == handled && _control.Announced == announced && !_closed)
            {
                _wake.Wait();
            }

            _wake.Reset();
            _control.SetParked(false);
            lastActivity = Stopwatch.GetTimestamp();
        }
    }

    private void Serve(long sequence)
    {
        (long offset, int length, int passes) = _control.ReadRequest();
        RegionStatus status = Checksum(sequence, offset, length, passes, out ulong result);
        Post(sequence, status, result);
    }

    /// <summary>
    /// Checks request <paramref name="sequence"/>'s fields (they come from the parent, through the region or the pipe),
    /// then computes its checksum a pass at a time, stopping when the parent cancels it.
    /// </summary>
    /// <param name="sequence">The request's sequence number (the parent cancels by number).</param>
    /// <param name="offset">The payload's offset from the region's start.</param>
    /// <param name="length">The payload's length.</param>
    /// <param name="passes">The pass count (0: a sample of the ends).</param>
    /// <param name="result">The checksum, when <see cref="RegionStatus.Done"/>.</param>
    /// <param name="shutdown">The worker is exiting (its parent is gone): stop at the next pass, as if cancelled.</param>
    public RegionStatus Checksum(long sequence, long offset, int length, int passes, out ulong result, CancellationToken shutdown = default)
    {
        result = 0;
        if (passes is < 0 or > MaxPasses || !TryGetPayload(offset, length, out ReadOnlySpan<byte> payload))
        {
            return RegionStatus.Refused;
        }

        if (passes == 0)
        {
            result = Ipc.Checksum.Sample(payload);
            return RegionStatus.Done;
        }

        ulong hash = Ipc.Checksum.Seed(payload.Length);
        for (int pass = 0; pass < passes; pass++)
        {
            if (_control.Cancelled >= sequence || shutdown.IsCancellationRequested)
            {
                return RegionStatus.Cancelled;
            }

            hash = Ipc.Checksum.Pass(hash, payload);
        }

        result = hash;
        return RegionStatus.Done;
    }

    private void Post(long sequence, RegionStatus status, ulong result)
    {
        _control.Answer(sequence, status, result);
        lock (_answered)
        {
            Monitor.PulseAll(_answered);
        }
    }
}
