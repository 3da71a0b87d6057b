using System.Diagnostics;
using ConcurrencyBench.Benchmarks.Running;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Running;

public sealed class ChildShutdownTests
{
    [Fact]
    public async Task ChildrenOf_ThisProcess_ListsALiveChildUntilItHasExited()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            Assert.Contains(child.Id, ChildShutdown.ChildrenOf(Environment.ProcessId));
            Assert.DoesNotContain(child.Id, ChildShutdown.ChildrenOf(child.Id)); // a process is not its own child
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync().WaitAsync(Eventually.Bound);
        }

        await Eventually.TrueAsync(() => !ChildShutdown.ChildrenOf(Environment.ProcessId).Contains(child.Id));
    }
}
