using ConcurrencyBench.Benchmarks.Running;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Running;

// Alone: the second test holds the lock of the test host's own folder, which the suite runs of SuiteRunnerTests take too.
[Collection(AloneCollection.Name)]
public sealed class CheckoutLockTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cb-lock-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TryAcquire_WhileAnotherRunHoldsIt_IsRefused_AndFreeAgainOnceReleased()
    {
        using (CheckoutLock? first = CheckoutLock.TryAcquire(_folder))
        {
            Assert.NotNull(first);
            Assert.Null(CheckoutLock.TryAcquire(_folder));
        }

        using CheckoutLock? again = CheckoutLock.TryAcquire(_folder);
        Assert.NotNull(again);
    }

    [Fact]
    public void Run_WhileAnotherRunOfThisBuildMeasures_IsOneLineAndExitTwo()
    {
        using CheckoutLock? other = CheckoutLock.TryAcquire(AppContext.BaseDirectory);
        Assert.NotNull(other);
        var output = new StringWriter();
        var error = new StringWriter();

        int code = SuiteRunner.Run(["--job", "dry", "--filter", "*SerializationFormats*", "--out", Path.Combine(_folder, "out")], output, error);

        Assert.Equal(SuiteRunner.UsageError, code);
        string line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"another run of the suite (process {Environment.ProcessId})", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "out", "run.json")));
    }
}
