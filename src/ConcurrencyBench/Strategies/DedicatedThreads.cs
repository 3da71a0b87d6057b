namespace ConcurrencyBench.Strategies;

/// <summary>Starts dedicated threads and completes a task when the last one has finished its work.</summary>
internal static class DedicatedThreads
{
    public static Task RunAsync<TResult>(WorkScope<TResult> scope, int threadCount, Action<WorkScope<TResult>, int> work)
    {
        if (threadCount == 0)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int running = threadCount;
        for (int t = 0; t < threadCount; t++)
        {
            int threadIndex = t;
            var thread = new Thread(() =>
            {
                try
                {
                    work(scope, threadIndex);
                }
                finally
                {
                    if (Interlocked.Decrement(ref running) == 0)
                    {
                        done.SetResult();
                    }
                }
            })
            {
                IsBackground = true,
                Name = "ConcurrencyBench worker",
            };
            try
            {
                thread.Start();
            }
            catch (Exception ex)
            {
                // Out of threads: stop the run (the failure is the run's, not an item's: it sorts before every item)
                // and account for every thread that never started.
                scope.Fail(-1, ex);
                if (Interlocked.Add(ref running, -(threadCount - t)) == 0)
                {
                    done.SetResult();
                }

                break;
            }
        }

        return done.Task;
    }
}
