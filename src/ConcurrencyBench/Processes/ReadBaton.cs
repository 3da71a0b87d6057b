using System.IO.Pipes;
using System.Runtime.InteropServices;
using ConcurrencyBench.Ipc;
using Microsoft.Win32.SafeHandles;

namespace ConcurrencyBench.Processes;

/// <summary>
/// Who reads a worker's blocking pipe: the connection's read loop, or one caller that reads its own answer on its own
/// thread, as a C client writes its request and then reads the answer. Only the holder reads. The loop holds the baton
/// while nobody else wants it and waits in <c>poll(2)</c> on the pipe and a wake-up counter, so a caller that wants
/// the baton can take it before its request goes out, and its answer is never read (and handed over) by another thread.
/// </summary>
/// <remarks>
/// On two cores, a third thread in the exchange (the loop reading a 1 MiB answer while the caller's thread and the
/// worker are both busy) costs about a quarter of the echo's time against C (<c>results/reference/</c>, issue 26):
/// the baton takes that thread out of the path. Linux pipes only; elsewhere <see cref="TryCreate"/> gives none and the
/// loop reads every frame.
/// </remarks>
internal sealed class ReadBaton : IDisposable
{
    /// <summary>How long the loop leaves the pipe unwatched after a caller has read, unless a request waits for it: a
    /// worker that dies meanwhile is seen up to this much later.</summary>
    public static readonly TimeSpan Rest = TimeSpan.FromMilliseconds(20);

    // State, and the caller waiting for the loop to let the baton go.
    private readonly object _gate = new();
    // The loop waiting for the baton: rung only when it must come at once, so that a caller reading again and again
    // never wakes it.
    private readonly object _bell = new();
    private readonly SafeHandle _data;
    private readonly SafeFileHandle _wake;
    private Holder _holder;
    private bool _callerWants;
    private bool _callerReadLast;
    private bool _rung;
    private int _loopWaiting;

    private ReadBaton(SafeHandle data, SafeFileHandle wake)
    {
        _data = data;
        _wake = wake;
    }

    private enum Holder
    {
        Nobody,
        Loop,
        Caller,
    }

    /// <summary>Makes a baton for the pipe <paramref name="fromWorker"/>; null where there can be none (not Linux, not
    /// a pipe).</summary>
    public static ReadBaton? TryCreate(Stream fromWorker) =>
        OperatingSystem.IsLinux() && fromWorker is PipeStream pipe ? new ReadBaton(pipe.SafePipeHandle, UnixCalls.CreateEventCounter()) : null;

    /// <summary>
    /// The loop: waits until nobody holds the baton and no caller wants it, then holds it. After a caller has read, it
    /// leaves the baton free for up to <see cref="Rest"/> unless <paramref name="answersAwaited"/> says a request waits
    /// for the loop (<see cref="Nudge"/>): a caller that reads again at once then takes it with no wake-up of the loop.
    /// </summary>
    public void TakeForLoop(Func<bool> answersAwaited)
    {
        bool rested = false;
        while (true)
        {
            lock (_gate)
            {
                Interlocked.Exchange(ref _loopWaiting, 1);
                if (_holder == Holder.Nobody && !_callerWants && (!_callerReadLast || rested || answersAwaited()))
                {
                    _loopWaiting = 0;
                    _holder = Holder.Loop;
                    _callerReadLast = false;
                    return;
                }
            }

            lock (_bell)
            {
                rested = !_rung && !Monitor.Wait(_bell, Rest);
                _rung = false;
            }
        }
    }

    /// <summary>A request now waits for the loop to read its answer: a waiting loop looks again at once.</summary>
    public void Nudge()
    {
        if (Volatile.Read(ref _loopWaiting) != 0)
        {
            RingBell();
        }
    }

    /// <summary>
    /// A caller: takes the baton (waking the loop out of its wait, and waiting for a frame it is reading to end).
    /// False at once when another caller holds or wants it: only one caller reads at a time, the others wait for the
    /// loop.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled before the baton came (the caller has sent nothing).</exception>
    public bool TryTakeForCaller(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_callerWants || _holder == Holder.Caller)
            {
                return false;
            }

            _callerWants = true;
        }

        using CancellationTokenRegistration pulse = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static b => ((ReadBaton)b!).PulseCaller(), this)
            : default;
        lock (_gate)
        {
            try
            {
                if (_holder == Holder.Loop)
                {
                    UnixCalls.Signal(_wake);
                }

                while (_holder != Holder.Nobody)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Monitor.Wait(_gate);
                }

                cancellationToken.ThrowIfCancellationRequested();
                _holder = Holder.Caller;
                return true;
            }
            finally
            {
                _callerWants = false;
                if (_holder != Holder.Caller)
                {
                    // Cancelled while waiting: a loop that stood aside for this caller looks again.
                    RingBell();
                }
            }
        }
    }

    /// <summary>
    /// The holder: blocks until the pipe has something to read (or has hung up), or until the baton is wanted: by a
    /// caller when the loop holds it, by <see cref="Interrupt"/> when a caller does.
    /// </summary>
    /// <returns>True when the pipe is ready; false when woken.</returns>
    public bool WaitReadable() => UnixCalls.WaitReadableOrWoken(_data, _wake);

    /// <summary>Wakes a caller holding the baton out of <see cref="WaitReadable"/> (its call was cancelled).</summary>
    public void Interrupt()
    {
        lock (_gate)
        {
            if (_holder == Holder.Caller)
            {
                UnixCalls.Signal(_wake);
            }
        }
    }

    /// <summary>The holder lets the baton go.</summary>
    /// <param name="answersAwaited">From a caller: whether the loop must take the baton at once (answers awaited, or
    /// the conversation over) instead of resting; asked once the baton is free, so that a request that registered
    /// while the caller still held it (and whose nudge found the baton taken) is not left to the rest's end.</param>
    public void Release(Func<bool>? answersAwaited = null)
    {
        bool callerHeld;
        lock (_gate)
        {
            callerHeld = _holder == Holder.Caller;
            _callerReadLast = callerHeld;
            _holder = Holder.Nobody;
            Monitor.PulseAll(_gate);
        }

        if (callerHeld && answersAwaited is not null && answersAwaited())
        {
            Nudge();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _wake.Dispose();

    private void RingBell()
    {
        lock (_bell)
        {
            _rung = true;
            Monitor.Pulse(_bell);
        }
    }

    private void PulseCaller()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }
}
