using System.Text;

namespace ConcurrencyBench.Processes;

/// <summary>
/// Reads a child's output line by line with a bound on each line: a child that writes megabytes without a newline
/// costs the parent at most <see cref="MaxLineLength"/> characters, where <see cref="StreamReader.ReadLineAsync()"/>
/// (and <c>BeginOutputReadLine</c>) would hold the whole line in memory. The rest of an overlong line is read and dropped.
/// </summary>
/// <remarks>Reads the stream itself: never mix it with a <see cref="StreamReader"/> over the same stream.</remarks>
internal sealed class BoundedLineReader
{
    /// <summary>The most characters of a line kept by default.</summary>
    public const int DefaultMaxLineLength = 4096;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[4096];
    private readonly char[] _chars = new char[Encoding.UTF8.GetMaxCharCount(4096)];
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private int _start;
    private int _end;

    /// <summary>Initializes a new instance of the <see cref="BoundedLineReader"/> class.</summary>
    /// <param name="stream">The child's output.</param>
    /// <param name="maxLineLength">The most characters kept of a line.</param>
    public BoundedLineReader(Stream stream, int maxLineLength = DefaultMaxLineLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineLength, 1);
        _stream = stream;
        MaxLineLength = maxLineLength;
    }

    /// <summary>Gets the most characters kept of a line.</summary>
    public int MaxLineLength { get; }

    /// <summary>The next line without its end (cut to <see cref="MaxLineLength"/>); null at the end of the output.</summary>
    /// <param name="cancellationToken">Stops the wait for more output.</param>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        var line = new StringBuilder();
        bool any = false;
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
                if (_end == 0)
                {
                    return any ? Finish(line) : null;
                }
            }

            any = true;
            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            int stop = newline < 0 ? _end : newline;
            if (line.Length < MaxLineLength)
            {
                int count = _decoder.GetChars(_buffer, _start, stop - _start, _chars, 0, flush: newline >= 0);
                line.Append(_chars, 0, Math.Min(count, MaxLineLength - line.Length));
            }

            _start = newline < 0 ? _end : newline + 1;
            if (newline >= 0)
            {
                return Finish(line);
            }
        }
    }

    private string Finish(StringBuilder line)
    {
        _decoder.Reset();
        int length = line.Length > 0 && line[^1] == '\r' ? line.Length - 1 : line.Length;
        return line.ToString(0, length);
    }
}
