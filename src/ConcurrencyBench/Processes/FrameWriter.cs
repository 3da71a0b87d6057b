using System.Buffers;
using System.IO.Pipelines;

namespace ConcurrencyBench.Processes;

/// <summary>Writes whole frames to a stream, one writer at a time. Completing it closes the stream unless told to leave it open.</summary>
internal sealed class FrameWriter(Stream stream, bool leaveOpen = false)
{
    private readonly PipeWriter _writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 1 << 16, leaveOpen: leaveOpen));
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask WriteAsync(Action<IBufferWriter<byte>> write, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            write(_writer);
            FlushResult flushed = await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (flushed.IsCompleted)
            {
                throw new IOException("the other side closed the pipe");
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask CompleteAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _writer.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
