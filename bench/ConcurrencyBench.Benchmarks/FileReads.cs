using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// File I/O: N files of FileBytes each (written in set-up into a private temporary folder, removed in clean-up, so
/// they are read from the page cache), read whole and checksummed, with blocking reads and with asynchronous ones
/// (FileOptions.Asynchronous, RandomAccess.ReadAsync), under every in-process strategy.
/// </summary>
[Question("Reading files: N files of 1 MiB, blocking and asynchronous reads", QuestionKind.StrategyComparison, Order = 9,
    Note = "The files are written in set-up, so they are read from the page cache, not the disk: the rows measure system calls and copies. TaskWhenAll and ParallelForEachAsync read asynchronously (FileOptions.Asynchronous, RandomAccess.ReadAsync); every other row reads with blocking calls (File.ReadAllBytes). On Linux, .NET's asynchronous file reads run as blocking reads on thread-pool threads (there is no asynchronous file I/O of the kernel's to use): the asynchronous rows show what that costs.")]
[IdealTime(IdealTimeModel.WorkOverCores, ItemCosts = nameof(ItemCosts), CostUnit = "bytes (equal files)")]
[BenchmarkCategory(Categories.IoBound)]
[QuickProfileCut(nameof(ProcessPerItem), nameof(K), NoWorkerFiles, InFullProfileToo = true)]
[QuickProfileCut(nameof(ProcessPool), nameof(K), NoWorkerFiles, InFullProfileToo = true)]
public class FileReads : StrategyComparison<ulong>
{
    /// <summary>The number of files.</summary>
    public const int Files = 64;

    private const string NoWorkerFiles = "a worker process runs registered workloads only, and none reads files from a path it is given";

    private string? _folder;

    /// <summary>The size of each file: 1 MiB.</summary>
    [Params(1 << 20)]
    public int FileBytes { get; set; }

    /// <summary>The worker count of the bounded strategies: the cores of this machine.</summary>
    [ParamsSource(nameof(CoreCounts)), Input(Input.AtOnce)]
    public int K { get; set; }

    /// <summary>Gets the values of <see cref="K"/>.</summary>
    public static IEnumerable<int> CoreCounts => [Environment.ProcessorCount];

    /// <summary>Gets the work of each item: the files are equal.</summary>
    public static IReadOnlyList<double> ItemCosts => [.. Enumerable.Repeat(1.0, Files)];

    /// <inheritdoc />
    protected override int Workers => K;

    /// <inheritdoc />
    protected override IWorkload<ulong> CreateWorkload()
    {
        // A private folder (0700 on Unix, an unguessable name), removed in clean-up.
        _folder = Directory.CreateTempSubdirectory("concurrencybench-files-").FullName;
        var paths = new string[Files];
        byte[] content = new byte[FileBytes];
        for (int i = 0; i < Files; i++)
        {
            Checksum.Fill(content, seed: i);
            paths[i] = Path.Combine(_folder, $"file-{i:D3}.bin");
            File.WriteAllBytes(paths[i], content);
        }

        return new FileReadWorkload(paths);
    }

    /// <inheritdoc />
    /// <remarks>From the bytes the files were written from, regenerated and checksummed by the reference code.</remarks>
    protected override IReadOnlyList<ulong> ExpectedResults(IWorkload<ulong> workload)
    {
        byte[] content = new byte[FileBytes];
        return [.. Enumerable.Range(0, Files).Select(i =>
        {
            Checksum.Fill(content, seed: i);
            return ReferenceChecksum.Passes(content, 1);
        })];
    }

    /// <inheritdoc />
    protected override void ReleaseWorkload()
    {
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        _folder = null;
    }
}
