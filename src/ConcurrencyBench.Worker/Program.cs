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

// Standard input and output are read and written with blocking calls on pool threads. With the pool's default of one
// thread per core, a blocked read and a blocked write can leave no thread for the items, and the pool adds threads
// only every half second: give it enough from the start.
ThreadPool.GetMinThreads(out int workerThreads, out int ioThreads);
ThreadPool.SetMinThreads(Math.Max(workerThreads, 16), ioThreads);

// 1 MiB pipe buffers instead of 64 KiB: fewer wake-ups per megabyte (best effort; the pipes are shared with the parent).
PipeBuffers.TryEnlarge(0);
PipeBuffers.TryEnlarge(1);

// Plain file streams over the inherited descriptors: the console streams read and write through extra layers.
using Stream input = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0);
using Stream output = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
// The main thread reads the input with blocking calls (a pipe has no asynchronous I/O on Unix) and computes the
// strategies' items itself, one after another, while a thread of its own watches the input for the parent's hang-up.
return maxFrameSize > 0
    ? await WorkerHost.RunAsync(input, output, maxFrameSize, Console.Error, blockingReads: true, inputPipe: 0)
    : await WorkerHost.RunAsync(input, output, error: Console.Error, blockingReads: true, inputPipe: 0);
