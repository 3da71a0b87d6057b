using System.Buffers;

namespace ConcurrencyBench.Processes;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>: results of any size
/// without fresh memory per call (on a virtual machine, faulting in fresh pages costs more than the copy itself).
/// Dispose returns the array.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _array;
    private int _written;

    public PooledBufferWriter(int initialCapacity = 256) => _array = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _written);

    public int WrittenCount => _written;

    /// <summary>Gets the bytes written so far, to patch a length written before what it counts.</summary>
    public Span<byte> WrittenSpan => _array.AsSpan(0, _written);

    /// <summary>Forgets what was written after the first <paramref name="count"/> bytes.</summary>
    public void ResetTo(int count)
    {
        System.Diagnostics.Debug.Assert(count >= 0 && count <= _written);
        _written = count;
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_written);
    }

    public void Dispose()
    {
        byte[] array = Interlocked.Exchange(ref _array, []);
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Ensure(int sizeHint)
    {
        int needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _array.Length)
        {
            return;
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
        _array.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = larger;
    }
}
