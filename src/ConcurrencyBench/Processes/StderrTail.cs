using System.Text;
using ConcurrencyBench.Processes.Protocol;

namespace ConcurrencyBench.Processes;

/// <summary>
/// The last few lines a worker wrote to its standard error, for error messages. It reads the stream itself, in
/// chunks, and keeps at most <see cref="MaxLines"/> lines of <see cref="MaxLineLength"/> characters: a worker that
/// writes without newlines (which <c>BeginErrorReadLine</c> would buffer whole) costs the parent nothing more.
/// </summary>
internal sealed class StderrTail
{
    private const int MaxLines = 5;
    private const int MaxLineLength = 300;
    private readonly Queue<string> _lines = new();

    /// <summary>Reads <paramref name="stream"/> to its end, keeping the tail; never throws.</summary>
    /// <param name="stream">The worker's standard error.</param>
    public async Task ReadAsync(Stream stream)
    {
        byte[] bytes = new byte[4096];
        char[] chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        Decoder decoder = Encoding.UTF8.GetDecoder();
        var line = new StringBuilder(MaxLineLength);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(bytes).ConfigureAwait(false)) > 0)
            {
                int count = decoder.GetChars(bytes, 0, read, chars, 0);
                foreach (char c in chars.AsSpan(0, count))
                {
                    if (c == '\n')
                    {
                        Add(line.ToString());
                        line.Clear();
                    }
                    else if (line.Length <= MaxLineLength)
                    {
                        // One character past the limit, so that the cut shows.
                        line.Append(c);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The stream was closed under the reader: what was read is the tail.
        }

        Add(line.ToString());
    }

    /// <summary>Adds one line (a line over the limit is cut).</summary>
    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        string printable = PrintableText.OneLine(line.TrimEnd('\r'), MaxLineLength);
        lock (_lines)
        {
            _lines.Enqueue(printable);
            while (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>The tail as one line, to end a message with; empty when the worker said nothing.</summary>
    public string Describe()
    {
        lock (_lines)
        {
            return _lines.Count == 0 ? "" : $" (its last words: {string.Join(" | ", _lines)})";
        }
    }
}
