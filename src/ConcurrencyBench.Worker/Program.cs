using System.Globalization;
using ConcurrencyBench.Processes;

// The worker speaks the protocol on standard input and output; anything it has to say goes to standard error.
int maxFrameSize = 0;
foreach (string arg in args)
{
    if (arg.StartsWith("--max-frame-size=", StringComparison.Ordinal)
        && int.TryParse(arg.AsSpan("--max-frame-size=".Length), NumberStyles.None, CultureInfo.InvariantCulture, out int size)
        && size > 0)
    {
        maxFrameSize = size;
    }
    else
    {
        Console.Error.WriteLine($"worker: unknown argument '{arg}'; the worker takes only --max-frame-size=BYTES and is started by its parent.");
        return 2;
    }
}

using Stream input = Console.OpenStandardInput();
using Stream output = Console.OpenStandardOutput();
return maxFrameSize > 0
    ? await WorkerHost.RunAsync(input, output, maxFrameSize, Console.Error)
    : await WorkerHost.RunAsync(input, output, error: Console.Error);
