using System.Diagnostics;
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

    /// <summary>
    /// How long a test watches for an item that starts after the call returned. A start's absence can only be watched
    /// for a while; this is far longer (well over ten times) than a dispatched item takes to start, in a thread or a
    /// worker, on a loaded 2-core machine. A slower machine makes the check weaker, never makes it fail by chance.
    /// </summary>
    private static readonly TimeSpan LateStartWatch = TimeSpan.FromMilliseconds(500);

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
        using var workload = new ProbeWorkload(ManyItems, ProbeBehavior.Square);

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
        using var workload = new ProbeWorkload(30, ProbeBehavior.FailAtIndex, failingIndex: 7);

        Exception ex = await Assert.ThrowsAnyAsync<Exception>(() => CreateStrategy().RunAsync(workload));

        AssertItemFailure(ex, 7);
        await AssertNoWorkGoesOnAfterReturnAsync(workload);
    }

    [Fact]
    public async Task RunAsync_AlreadyCancelled_ThrowsAndRunsNothing()
    {
        using var workload = new ProbeWorkload(10, ProbeBehavior.Square);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateStrategy().RunAsync(workload, cts.Token));

        await AssertNoWorkGoesOnAfterReturnAsync(workload);
        Assert.Equal(0, workload.Started);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileRunning_ThrowsAndNoWorkGoesOnAfterReturn()
    {
        using var cts = new CancellationTokenSource();
        using var workload = new ProbeWorkload(50, ProbeBehavior.BlockUntilCancelled) { CancelOnFirstStart = cts };

        Task<int[]> run = CreateStrategy().RunAsync(workload, cts.Token);
        // In process, the first item cancels the run itself as it starts; in workers, the test cancels once an item
        // has marked its start there, so that the cancellation meets an item running in a worker.
        await workload.WhenStartedAsync();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        await AssertNoWorkGoesOnAfterReturnAsync(workload);
    }

    /// <summary>
    /// Nothing is running when the call has returned, here or in any worker, and nothing starts afterwards: watched
    /// for <see cref="LateStartWatch"/>, ending at the first late start.
    /// </summary>
    private static async Task AssertNoWorkGoesOnAfterReturnAsync(ProbeWorkload workload)
    {
        Assert.Equal(0, workload.Running);
        int startedAtReturn = workload.Started;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < LateStartWatch && workload.Started == startedAtReturn)
        {
            await Task.Delay(5);
        }

        Assert.Equal(startedAtReturn, workload.Started);
        Assert.Equal(0, workload.Running);
    }

    [Fact]
    public void Name_IsNotEmpty()
    {
        Assert.False(string.IsNullOrWhiteSpace(CreateStrategy().Name));
    }
}
