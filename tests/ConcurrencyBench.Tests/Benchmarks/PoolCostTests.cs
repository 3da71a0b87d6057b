using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Tests.Support;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Benchmarks;

/// <summary>
/// The cost readings count a pool's work where it runs, in its workers: over the process tree the cost diagnoser
/// reads, the pool's pass over the prime numbers costs at least 0.8 of the CPU time the same pass costs in one thread
/// of this process (the work's own CPU time, as Sequential measures it). Read from this process alone, it would cost
/// almost nothing. Alone in the test process, so that no other test's CPU time falls inside the readings.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class PoolCostTests
{
    [Fact]
    public async Task APoolsWork_CountsThroughItsWorkers_AtLeastFourFifthsOfTheWorksOwnCpuTime()
    {
        var workload = new PrimeCheckWorkload();
        bool[] expected = [.. PrimeNumbers.Classic.Select(KnownPrimality.IsPrime)];

        long before = TreeTicks();
        Assert.Equal(expected, await ConcurrencyStrategies.Sequential.RunAsync(workload));
        long sequential = TreeTicks() - before;

        await using ProcessPool pool = await ProcessPool.StartAsync(new ProcessStrategyOptions { Workers = 2 });
        await pool.RunAsync(new PrimeCheckWorkload([2, 3])); // the workers' start is set-up, as in the benchmark
        int[] workers = [.. pool.WorkerProcessIds];
        long poolBefore = TreeTicks();
        long workersBefore = Ticks(workers);
        Assert.Equal(expected, await pool.RunAsync(workload));
        long inTree = TreeTicks() - poolBefore;
        long inWorkers = Ticks(workers) - workersBefore;

        // A pass takes about a second of CPU here (100 ticks): well above the ticks' 10 ms grain.
        Assert.True(sequential >= 20, $"the sequential pass read {sequential} ticks: too few to compare");
        Assert.True(inTree >= 0.8 * sequential, $"the pool's pass read {inTree} ticks over the tree, the work's own {sequential}");
        Assert.True(inWorkers >= 0.8 * sequential, $"the pool's workers read {inWorkers} ticks, the work's own {sequential}");
    }

    private static long TreeTicks() => Ticks(ProcessTree.Of(Environment.ProcessId));

    private static long Ticks(IReadOnlyList<int> pids) =>
        ProcessTree.CpuTicks(pids) is (long user, long system) ? user + system : throw new InvalidOperationException("no /proc to read");
}
