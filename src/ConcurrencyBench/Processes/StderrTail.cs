namespace ConcurrencyBench.Processes;

/// <summary>The last few lines a worker wrote to its standard error, for error messages.</summary>
internal sealed class StderrTail
{
    private const int MaxLines = 5;
    private readonly Queue<string> _lines = new();

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line.Length > 300 ? line[..300] : line);
            while (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    public string Describe()
    {
        lock (_lines)
        {
            return _lines.Count == 0 ? "" : $" (its last words: {string.Join(" | ", _lines)})";
        }
    }
}
