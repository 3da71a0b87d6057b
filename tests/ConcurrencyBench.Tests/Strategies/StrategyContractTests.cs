using ConcurrencyBench.Strategies;
using ConcurrencyBench.Tests.Support;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Strategies;

/// <summary>
/// The contract every strategy keeps. Each strategy's test class inherits it and only says how to create the strategy.
/// </summary>
public abstract class StrategyContractTests
{
    private static readonly bool[] SequentialPrimeAnswers =
        ConcurrencyStrategies.Sequential.RunAsync(new PrimeCheckWorkload()).GetAwaiter().GetResult();

    /// <summary>Creates the strategy under test.</summary>
    protected abstract IConcurrencyStrategy CreateStrategy();

    /// <summary>Gets how many items the order test runs (fewer where each item costs a process).</summary>
    protected virtual int ManyItems => 500;

    /// <summary>Checks the exception of a failed item: in process, the item's own exception.</summary>
    protected virtual void AssertItemFailure(Exception exception, int index)
    {
        var failure = Assert.IsType<InvalidOperationException>(exception);
        Assert.Equal(ProbeWorkload.FailureMessage(index), failure.Message);
    }

    [Fact]
    public async Task RunAsync_PrimeChecks_EqualsSequentialAndKnownAnswers()
    {
        bool[] results = await CreateStrategy().RunAsync(new PrimeCheckWorkload());

        Assert.Equal(SequentialPrimeAnswers, results);
        Assert.Equal(PrimeNumbers.Classic.Select(n => KnownPrimes.Classic[n]), results);
    }

    [Fact]
    public async Task RunAsync_GranularKernel_EqualsTheIndependentReference()
    {
        var workload = new GranularKernelWorkload(37, 1000);

        ulong[] results = await CreateStrategy().RunAsync(workload);

        Assert.Equal(Enumerable.Range(0, 37).Select(i => ConcurrencyBench.Benchmarks.Infrastructure.ReferenceKernel.Item(i, 1000)), results);
    }

    [Fact]
    public async Task RunAsync_ApiAggregation_ReturnsEveryCallInInputOrder()
    {
        var workload = new ApiAggregationWorkload(40, TimeSpan.FromMilliseconds(1));

        string[] results = await CreateStrategy().RunAsync(workload);

        Assert.Equal(await ConcurrencyStrategies.Sequential.RunAsync(workload), results);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"data-{i}"), results);
    }

    [Fact]
    public async Task RunAsync_ManyItems_ResultsInInputOrder()
    {
        var workload = new ProbeWorkload(ManyItems, ProbeBehavior.Square);

        int[] results = await CreateStrategy().RunAsync(workload);

        Assert.Equal(Enumerable.Range(0, ManyItems).Select(i => i * i), results);
        Assert.Equal(ManyItems, workload.Started);
    }

    [Fact]
    public async Task RunAsync_EmptyWorkload_ReturnsEmpty()
    {
        string[] results = await CreateStrategy().RunAsync(new ApiAggregationWorkload(0));

        Assert.Empty(results);
    }

    [Fact]
    public async Task RunAsync_NullWorkload_ThrowsArgumentNull()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => CreateStrategy().RunAsync<int>(null!));
    }

    [Fact]
    public async Task RunAsync_FailingItem_ThrowsItsOriginalException()
    {
        var workload = new ProbeWorkload(30, ProbeBehavior.FailAtIndex, failingIndex: 7);

        Exception ex = await Assert.ThrowsAnyAsync<Exception>(() => CreateStrategy().RunAsync(workload));

        AssertItemFailure(ex, 7);
        Assert.Equal(0, workload.Running);
    }

    [Fact]
    public async Task RunAsync_AlreadyCancelled_ThrowsAndRunsNothing()
    {
        var workload = new ProbeWorkload(10, ProbeBehavior.Square);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateStrategy().RunAsync(workload, cts.Token));

        Assert.Equal(0, workload.Started);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileRunning_ThrowsAndNoWorkGoesOnAfterReturn()
    {
        using var cts = new CancellationTokenSource();
        var workload = new ProbeWorkload(50, ProbeBehavior.BlockUntilCancelled) { CancelOnFirstStart = cts };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateStrategy().RunAsync(workload, cts.Token));
        Assert.Equal(0, workload.Running);
        int startedAtReturn = workload.Started;
        await Task.Delay(100);
        Assert.Equal(startedAtReturn, workload.Started);
        Assert.Equal(0, workload.Running);
    }

    [Fact]
    public void Name_IsNotEmpty()
    {
        Assert.False(string.IsNullOrWhiteSpace(CreateStrategy().Name));
    }
}
