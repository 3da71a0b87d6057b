using ConcurrencyBench.Tests.Support;
using ConcurrencyBench.Workloads;

namespace ConcurrencyBench.Tests.Workloads;

public sealed class DiagnosticWorkloadTests
{
    [Theory]
    [InlineData("/etc")]
    [InlineData("relative/cb-diag-x")]
    public void Constructor_MarkerFolderOutsideTheTempFolder_Throws(string folder)
    {
        Assert.Throws<ArgumentException>(() => new DiagnosticWorkload(1, markerFolder: folder));
    }

    [Fact]
    public void Constructor_MarkerFolderWithoutThePrefix_Throws()
    {
        DirectoryInfo other = Directory.CreateTempSubdirectory("cb-other-");
        try
        {
            Assert.Throws<ArgumentException>(() => new DiagnosticWorkload(1, markerFolder: other.FullName));
        }
        finally
        {
            other.Delete();
        }
    }

    [Fact]
    public void Constructor_MarkerFolderThroughDotDotOrALink_Throws()
    {
        using var markers = new WorkerMarkers();
        string link = Path.Join(Path.GetTempPath(), DiagnosticWorkload.MarkerFolderPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateSymbolicLink(link, markers.Folder);
        try
        {
            Assert.Throws<ArgumentException>(() => new DiagnosticWorkload(1, markerFolder: Path.Join(markers.Folder, "..", Path.GetFileName(markers.Folder))));
            Assert.Throws<ArgumentException>(() => new DiagnosticWorkload(1, markerFolder: link));
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void Execute_WithMarkerFolder_LeavesAStartAndNothingRunning()
    {
        using var markers = new WorkerMarkers();
        var workload = new DiagnosticWorkload(3, markerFolder: markers.Folder);

        Assert.Equal(4, workload.Execute(2, CancellationToken.None));

        Assert.Equal([2], markers.StartedIndices);
        Assert.Equal(0, markers.Running);
    }
}
