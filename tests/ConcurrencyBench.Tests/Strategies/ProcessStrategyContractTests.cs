using ConcurrencyBench.Processes;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Strategies;

public sealed class ProcessPoolTests : StrategyContractTests, IAsyncLifetime
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

    protected override void AssertItemFailure(Exception exception, int index)
    {
        var failure = Assert.IsType<RemoteItemException>(exception);
        Assert.Contains(ProbeWorkload.FailureMessage(index), failure.Message);
        Assert.Contains(nameof(InvalidOperationException), failure.Message);
    }

    public async Task InitializeAsync() => _pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 2 });

    public async Task DisposeAsync()
    {
        var pids = _seenPids.Concat(_pool.WorkerProcessIds).ToArray();
        await _pool.DisposeAsync();
        Assert.Empty(await ProcessProbe.WaitAllDeadAsync(pids));
    }
}

/// <summary>The pool with several items in flight per worker keeps the whole contract too.</summary>
public sealed class ProcessPoolPipelinedTests : StrategyContractTests, IAsyncLifetime
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

    protected override void AssertItemFailure(Exception exception, int index)
    {
        var failure = Assert.IsType<RemoteItemException>(exception);
        Assert.Contains(ProbeWorkload.FailureMessage(index), failure.Message);
    }

    public async Task InitializeAsync() => _pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 2, InFlightPerWorker = 4 });

    public async Task DisposeAsync()
    {
        int[] pids = [.. _seenPids.Concat(_pool.WorkerProcessIds)];
        await _pool.DisposeAsync();
        Assert.Empty(await ProcessProbe.WaitAllDeadAsync(pids));
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
