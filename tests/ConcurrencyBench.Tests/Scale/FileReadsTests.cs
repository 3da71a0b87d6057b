using ConcurrencyBench.Benchmarks;
using ConcurrencyBench.Benchmarks.Running;
using ConcurrencyBench.Strategies;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Scale;

/// <summary>File reads under every strategy, their temporary files, and the descriptor limit.</summary>
public sealed class FileReadsTests
{
    [Fact]
    public async Task EveryInProcessStrategy_BlockingAndAsynchronousReads_GiveTheReferenceChecksums()
    {
        var benchmark = new FileReads { FileBytes = 4096, K = 2 };
        benchmark.CreateWorkloadAndStrategies();
        string[] folders = Directory.GetDirectories(Path.GetTempPath(), "concurrencybench-files-*");
        try
        {
            // The benchmark methods check every call's answers against the reference checksums themselves.
            await benchmark.Sequential();
            await benchmark.ThreadPerItem();
            await benchmark.FixedThreads();
            await benchmark.TaskWhenAll();
            await benchmark.TaskRunPerItem();
            await benchmark.ParallelForEach();
            await benchmark.ParallelForEachAsync();
            await benchmark.Plinq();
        }
        finally
        {
            benchmark.ReportFacts();
        }

        // Clean-up removed the private folder it made.
        Assert.Empty(Directory.GetDirectories(Path.GetTempPath(), "concurrencybench-files-*").Except(folders));
    }

    [Fact]
    public async Task Workload_AsynchronousAndBlockingReads_Agree()
    {
        string folder = Directory.CreateTempSubdirectory("cb-reads-").FullName;
        try
        {
            string[] paths = [.. Enumerable.Range(0, 5).Select(i => Path.Combine(folder, $"{i}.bin"))];
            foreach ((string path, int i) in paths.Select((p, i) => (p, i)))
            {
                byte[] bytes = new byte[1000 + (i * 333)];
                global::ConcurrencyBench.Ipc.Checksum.Fill(bytes, seed: i);
                await File.WriteAllBytesAsync(path, bytes);
            }

            var workload = new FileReadWorkload(paths);
            ulong[] blocking = await ConcurrencyStrategies.Sequential.RunAsync(workload);
            ulong[] async = await ConcurrencyStrategies.TaskWhenAll.RunAsync(workload);

            Assert.Equal(blocking, async);
            Assert.Equal(paths.Select(p => global::ConcurrencyBench.Ipc.Checksum.Compute(File.ReadAllBytes(p), 1)), blocking);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(10000, 1, 20000L, false)]
    [InlineData(10000, 1, 1024L, true)]
    [InlineData(19900, 1, 20000L, true)]
    public void DescriptorLimit_TooLowForTheRun_IsOneClearReason(int items, int perItem, long limit, bool skipped)
    {
        string? reason = DescriptorLimit.ReasonToSkip(items, perItem, limit);

        Assert.Equal(skipped, reason is not null);
        if (reason is not null)
        {
            Assert.Contains("ulimit -n", reason);
            Assert.DoesNotContain('\n', reason);
        }
    }

    [Fact]
    public void DescriptorLimit_OfThisProcess_IsRead()
    {
        Assert.True(DescriptorLimit.Current is null or > 0);
    }
}
