using System.Diagnostics;

namespace ConcurrencyBench.Tests.Hostile;

/// <summary>
/// scripts/run-packed.sh runs the pack it is given: not a folder another user planted where it unpacks, and not the
/// previous pack's files. The packs here are fakes whose "dotnet" writes the pack's commit into the run's folder.
/// </summary>
public sealed class PackedRunnerTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("packed-runner-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void RunPacked_TwoPacksInARow_BesideAPlantedFolder_EachRunsItsOwnCommit()
    {
        string tmp = Directory.CreateDirectory(Path.Combine(_temp, "tmp")).FullName;
        // Another user's folder where the runner used to unpack, with a "dotnet" of theirs in it.
        string planted = Directory.CreateDirectory(Path.Combine(tmp, "cb-packed", "dotnet")).FullName;
        string plantedRan = Path.Combine(_temp, "planted-ran");
        Executable(Path.Combine(planted, "dotnet"), $"#!/bin/sh\ntouch '{plantedRan}'\n");

        foreach (string commit in new[] { "aaaaaaaaaaaa", "bbbbbbbbbbbb" })
        {
            string pack = FakePack(commit);
            string outdir = Path.Combine(_temp, "out-" + commit);

            (int code, string output) = Run(tmp, Path.Combine(ConcurrencyBench.RepositoryRoot.Find(), "scripts", "run-packed.sh"), pack, outdir, "run", "60");

            Assert.True(code == 0, output);
            Assert.False(File.Exists(plantedRan), "the planted dotnet ran");
            Assert.Equal(commit, ReadRunCommit(outdir));
            Assert.Contains(commit, output, StringComparison.Ordinal);
        }

        // Nothing of the packs is left in the temporary folder: each run unpacked into a folder of its own and removed it.
        Assert.Equal([Path.Combine(tmp, "cb-packed")], Directory.GetDirectories(tmp));
    }

    [Fact]
    public void RepositoryRoot_OfAPack_IsThePacksOwnFolder_NotASolutionPlantedAbove()
    {
        string bench = Directory.CreateDirectory(Path.Combine(_temp, "unpacked", "bench")).FullName;
        File.WriteAllText(Path.Combine(_temp, "Benchmarks.sln"), "");

        Assert.Equal(_temp, ConcurrencyBench.RepositoryRoot.Find(bench, bench));
        File.WriteAllText(Path.Combine(bench, ConcurrencyBench.RepositoryRoot.PackMarker), "0123456789ab\n");
        Assert.Equal(bench, ConcurrencyBench.RepositoryRoot.Find(bench, bench));
    }

    // A pack with the layout pack-for-bare-machine.sh writes (dotnet/, bench/, aot/), whose "dotnet" writes the pack's
    // COMMIT into the --out folder it is given.
    private string FakePack(string commit)
    {
        string stage = Directory.CreateDirectory(Path.Combine(_temp, "stage-" + commit)).FullName;
        Directory.CreateDirectory(Path.Combine(stage, "dotnet"));
        Directory.CreateDirectory(Path.Combine(stage, "bench"));
        Directory.CreateDirectory(Path.Combine(stage, "aot"));
        File.WriteAllText(Path.Combine(stage, "bench", "COMMIT"), commit + "\n");
        Executable(Path.Combine(stage, "dotnet", "dotnet"), """
            #!/bin/sh
            bench="$(dirname "$1")"
            while [ $# -gt 0 ]; do [ "$1" = "--out" ] && out="$2"; shift; done
            mkdir -p "$out" && cp "$bench/COMMIT" "$out/commit.txt"
            """);
        string pack = Path.Combine(_temp, $"pack-{commit}.tar.xz");
        (int code, string output) = Run(_temp, "tar", "cJf", pack, "-C", stage, "dotnet", "bench", "aot");
        Assert.True(code == 0, output);
        return pack;
    }

    private string ReadRunCommit(string outdir)
    {
        string unpacked = Directory.CreateDirectory(Path.Combine(outdir, "unpacked")).FullName;
        (int code, string output) = Run(_temp, "tar", "xzf", Path.Combine(outdir, "run.tar.gz"), "-C", unpacked);
        Assert.True(code == 0, output);
        return File.ReadAllText(Path.Combine(unpacked, "run", "commit.txt")).Trim();
    }

    private static void Executable(string path, string text)
    {
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static (int Code, string Output) Run(string tmp, string program, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = ConcurrencyBench.RepositoryRoot.Find(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["TMPDIR"] = tmp;
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), $"{program} did not end within 60 s");
        return (process.ExitCode, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
    }
}
