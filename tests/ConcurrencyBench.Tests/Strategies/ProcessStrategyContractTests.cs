using ConcurrencyBench.Processes;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Strategies;

/// <summary>The contract over a started pool: every worker it used is gone once it is disposed.</summary>
public abstract class PooledContractTests(ProcessStrategyOptions options) : StrategyContractTests, IAsyncLifetime
{
    private ProcessPool _pool = null!;
    private readonly HashSet<int> _seenPids = [];

    protected override IConcurrencyStrategy CreateStrategy()
    {
        lock (_seenPids)
        {
            _seenPids.UnionWith(_pool.WorkerProcessIds);
        }

        return _pool;
    }

    public async Task InitializeAsync() => _pool = await ProcessPool.StartAsync(options);

    public async Task DisposeAsync()
    {
        int[] pids = [.. _seenPids.Concat(_pool.WorkerProcessIds)];
        await _pool.DisposeAsync();
        Assert.Empty(await ProcessProbe.WaitAllDeadAsync(pids));
    }
}

public sealed class ProcessPoolTests() : PooledContractTests(new ProcessStrategyOptions { Workers = 2 })
{
    protected override void AssertItemFailure(Exception exception, int index)
    {
        var failure = Assert.IsType<RemoteItemException>(exception);
        Assert.Contains(ProbeWorkload.FailureMessage(index), failure.Message);
        Assert.Contains(nameof(InvalidOperationException), failure.Message);
    }
}

/// <summary>The pool with several items in flight per worker keeps the whole contract too.</summary>
public sealed class ProcessPoolPipelinedTests() : PooledContractTests(new ProcessStrategyOptions { Workers = 2, InFlightPerWorker = 4 })
{
    protected override void AssertItemFailure(Exception exception, int index)
    {
        var failure = Assert.IsType<RemoteItemException>(exception);
        Assert.Contains(ProbeWorkload.FailureMessage(index), failure.Message);
    }
}

public sealed class ProcessPerItemTests : StrategyContractTests
{
    protected override IConcurrencyStrategy CreateStrategy() => new ProcessPerItem(new ProcessStrategyOptions { Workers = 2 });

    protected override int ManyItems => 12;

    protected override void AssertItemFailure(Exception exception, int index)
    {
        var failure = Assert.IsType<RemoteItemException>(exception);
        Assert.Contains(ProbeWorkload.FailureMessage(index), failure.Message);
    }
}

/// <summary>Largest first over the pool: the workers get the original items' requests, in the largest-first order.</summary>
public sealed class ProcessPoolLargestFirstTests : StrategyContractTests, IAsyncLifetime
{
    private ProcessPool _pool = null!;

    protected override IConcurrencyStrategy CreateStrategy() => ConcurrencyStrategies.LargestFirst(_pool, i => i % 7);

    protected override void AssertItemFailure(Exception exception, int index)
    {
        var failure = Assert.IsType<RemoteItemException>(exception);
        Assert.Contains(ProbeWorkload.FailureMessage(index), failure.Message);
    }

    public async Task InitializeAsync() => _pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 2 });

    public async Task DisposeAsync()
    {
        int[] pids = [.. _pool.WorkerProcessIds];
        await _pool.DisposeAsync();
        Assert.Empty(await ProcessProbe.WaitAllDeadAsync(pids));
    }
}
