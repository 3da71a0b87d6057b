using ConcurrencyBench.Ipc;

namespace ConcurrencyBench.Tests.Ipc;

/// <summary>Without /dev/shm the shared-memory transport says so in one line instead of measuring a file in $TMPDIR.</summary>
public sealed class SharedMemoryRootTests
{
    [Fact]
    public void RootFor_FolderMissing_RefusesInOneLineNamingIt()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"no-shm-{Guid.NewGuid():N}");

        var ex = Assert.Throws<PlatformNotSupportedException>(() => SharedMemoryTransport.RootFor(missing));

        Assert.Contains(missing, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void RootFor_FolderPresent_IsThatFolder()
    {
        string folder = Path.GetTempPath();

        Assert.Equal(folder, SharedMemoryTransport.RootFor(folder));
    }
}
