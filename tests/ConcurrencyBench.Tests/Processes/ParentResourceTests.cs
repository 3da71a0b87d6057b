using ConcurrencyBench.Processes;
using ConcurrencyBench.Tests.Support;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Processes;

/// <summary>What starting and ending workers costs the parent process: nothing may stay behind.</summary>
[Collection(AloneCollection.Name)]
public sealed class ParentResourceTests
{
    [Fact]
    public async Task ProcessPerItem_HundredsOfItems_TheParentsDescriptorsAreTheSameAfterwards()
    {
        var strategy = new ProcessPerItem(new ProcessStrategyOptions { Workers = 2 });
        // Descriptors the runtime opens once, on first use (child-process and I/O machinery), are opened here.
        await strategy.RunAsync(new DiagnosticWorkload(4));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        string[] before = OpenDescriptors();

        int[] results = await strategy.RunAsync(new DiagnosticWorkload(200));

        Assert.Equal(Enumerable.Range(0, 200).Select(i => i * i), results);
        // Nothing the run opened is still open (a finalizer closing an older leftover meanwhile is no failure).
        Assert.Empty(OpenDescriptors().Except(before));
    }

    // Each open descriptor of this process with what it refers to ("17 -> pipe:[4711]").
    private static string[] OpenDescriptors() =>
        [.. new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Select(fd => $"{fd.Name} -> {fd.LinkTarget}")
            .Where(entry => !entry.EndsWith("-> /proc/self/fd", StringComparison.Ordinal) && !entry.Contains("/proc/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}
