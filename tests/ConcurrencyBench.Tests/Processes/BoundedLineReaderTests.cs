using System.IO.Pipelines;
using System.Text;
using ConcurrencyBench.Processes;

namespace ConcurrencyBench.Tests.Processes;

/// <summary>A child's output read line by line with a bound on each line (silos' and the service's output; issue 25).</summary>
public sealed class BoundedLineReaderTests
{
    [Fact]
    public async Task ReadLineAsync_LinesAcrossChunks_WithMultibyteCharacters_AreExact()
    {
        string text = string.Join("\n", Enumerable.Range(0, 500).Select(i => $"línea {i} — {new string('é', i % 97)}")) + "\r\nlast";
        var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        var lines = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Add(line);
        }

        Assert.Equal(text.Replace("\r\n", "\n").Split('\n'), lines);
    }

    [Fact]
    public async Task ReadLineAsync_AHugeLine_IsCutToTheBound_AndTheNextLineIsRead()
    {
        var stream = new MemoryStream();
        stream.Write(Encoding.UTF8.GetBytes(new string('x', 20_000_000)));
        stream.Write("\nready 1\n"u8);
        stream.Write(Encoding.UTF8.GetBytes(new string('y', 5_000_000)));
        stream.Position = 0;
        var reader = new BoundedLineReader(stream, maxLineLength: 300);

        Assert.Equal(new string('x', 300), await reader.ReadLineAsync());
        Assert.Equal("ready 1", await reader.ReadLineAsync());
        Assert.Equal(new string('y', 300), await reader.ReadLineAsync());
        Assert.Null(await reader.ReadLineAsync());
    }

    [Fact]
    public async Task ReadLineAsync_ASilentChild_StopsWaitingWhenCancelled()
    {
        var pipe = new Pipe();
        var reader = new BoundedLineReader(pipe.Reader.AsStream());
        using var cts = new CancellationTokenSource();

        ValueTask<string?> read = reader.ReadLineAsync(cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await read.AsTask().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedLineReader(new MemoryStream(), 0));
    }
}
