using ConcurrencyBench.Ipc;

namespace ConcurrencyBench.Tests.Ipc;

/// <summary>A private folder is one this process made: a path that already exists, as anything, is refused.</summary>
public sealed class PrivateFolderTests : IDisposable
{
    private const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly string _scratch = Directory.CreateTempSubdirectory("concurrencybench-test-").FullName;

    [Fact]
    public void CreateAt_PathIsAnExistingDirectory_ThrowsAndLeavesItAlone()
    {
        string path = Path.Combine(_scratch, "planted");
        Directory.CreateDirectory(path, Open);

        Assert.Throws<IOException>(() => PrivateFolder.CreateAt(path));

        Assert.Equal(Open, File.GetUnixFileMode(path));
    }

    [Fact]
    public void CreateAt_PathIsASymlinkToADirectory_ThrowsAndLeavesBothAlone()
    {
        string target = Path.Combine(_scratch, "elsewhere");
        Directory.CreateDirectory(target, Open);
        string path = Path.Combine(_scratch, "link");
        File.CreateSymbolicLink(path, target);

        Assert.Throws<IOException>(() => PrivateFolder.CreateAt(path));

        Assert.Equal(Open, File.GetUnixFileMode(target));
        Assert.NotNull(new FileInfo(path).LinkTarget);
    }

    [Fact]
    public void CreateAt_NewPath_IsADirectoryOfThisUserWithMode0700()
    {
        string path = Path.Combine(_scratch, "fresh");

        using (PrivateFolder folder = PrivateFolder.CreateAt(path))
        {
            Assert.Null(new DirectoryInfo(path).LinkTarget);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.Path));
        }

        Assert.False(Directory.Exists(path));
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
