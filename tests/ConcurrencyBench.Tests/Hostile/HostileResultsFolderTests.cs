using System.Text.Json.Nodes;
using ConcurrencyBench.Benchmarks.Running;

namespace ConcurrencyBench.Tests.Hostile;

/// <summary>
/// Results folders are input (another machine's, a CI artifact, a pull request's): <c>report</c> and <c>compare</c>
/// answer a hostile one with exit 0, 1 or 2 and at most one line, never a trace, and write nothing outside the folder.
/// </summary>
public sealed class HostileResultsFolderTests : IDisposable
{
    private static readonly string Quick = Path.Combine(ConcurrencyBench.RepositoryRoot.Find(), "results", "reference", "intel-xeon-2core-linux-quick");
    private readonly string _temp = Directory.CreateTempSubdirectory("cb-hostile-").FullName;

    public void Dispose()
    {
        Directory.Delete(_temp, recursive: true);
        foreach (string planted in Directory.GetFiles(Path.GetTempPath(), "cb-hostile-planted*").Concat(Directory.GetFiles(Path.GetTempPath(), "cb-hostile-up*")))
        {
            File.Delete(planted); // what the defect planted outside the folder, before its fix
        }
    }

    public static TheoryData<string, string> Mutations() => new()
    {
        { "benchmarks null", """{"benchmarks": null}""" },
        { "classes null", """{"classes": null}""" },
        { "profile null", """{"profile": null}""" },
        { "suite null", """{"suite": null}""" },
        { "machine null", """{"machine": null}""" },
        { "a benchmark null", "benchmark:null" },
        { "duplicate id", "duplicate" },
        { "type an absolute path", """{"classes.0.type": "/tmp/cb-hostile-planted"}""" },
        { "type going up", """{"classes.0.type": "../../cb-hostile-up"}""" },
        { "benchmark type a path", """{"benchmarks.0.type": "../x"}""" },
        { "method null", """{"benchmarks.0.method": null}""" },
        { "id null", """{"benchmarks.0.id": null}""" },
        { "parameters null", """{"benchmarks.0.parameters": null}""" },
        { "item costs null inside", """{"classes.1.idealTime.itemCosts": [1, null, 2]}""" },
        { "cores zero", """{"classes.1.idealTime.cores": 0}""" },
        { "significance level 2", """{"profile.significanceLevel": 2}""" },
        { "threshold negative", """{"profile.thresholdPercent": -5}""" },
        { "core scaling null speedups", """{"coreScaling.speedups": null}""" },
        { "class seconds a string", """{"classes.0.seconds": "NaN"}""" },
        { "status unknown", """{"benchmarks.0.status": "Exploded"}""" },
        { "workers a number", """{"benchmarks.0.workers": 5}""" },
        { "group null", """{"benchmarks.0.group": null}""" },
        { "categories null", """{"benchmarks.0.categories": null}""" },
        { "facts cluster items null", """{"benchmarks.0.facts": {"cluster": {"silos": 2, "timeToReadySeconds": 1, "itemsPerSilo": null, "existing": false}}}""" },
        { "trials with orders null", """{"trials": {"count": 2, "seed": 1, "orders": null}}""" },
        { "root an array", "root:[]" },
        { "schema a string", """{"schema": "2"}""" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void ReportAndCompare_OfAMutatedRun_AnswerInOneLineWithoutATrace(string name, string mutation)
    {
        string folder = CopyQuick(name);
        Mutate(Path.Combine(folder, "run.json"), mutation);
        string[] before = Listing(_temp);

        foreach (string[] args in new[] { new[] { "report", folder }, new[] { "compare", Quick, folder, "--out", Path.Combine(folder, "compare.md") }, new[] { "compare", folder, Quick, "--out", Path.Combine(folder, "compare2.md") } })
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code = SuiteRunner.Run(args, output, error);

            Assert.InRange(code, 0, 2);
            string[] errorLines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(errorLines.Length <= 1, $"{name}, {args[0]}: {error}");
            Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
        }

        Assert.False(File.Exists("/tmp/cb-hostile-planted-speedup.png"));
        Assert.DoesNotContain(Listing(_temp).Except(before), p => !p.StartsWith(folder, StringComparison.Ordinal));
    }

    [Fact]
    public void Report_WithRunJsonLinkedToDevZero_IsOneLineWithinSeconds()
    {
        string folder = CopyQuick("zero");
        File.Delete(Path.Combine(folder, "run.json"));
        File.CreateSymbolicLink(Path.Combine(folder, "run.json"), "/dev/zero");

        AssertOneLineExitTwo(folder, "run.json");
    }

    [Fact]
    public void Report_WithAFifoForRunJson_IsOneLineWithinSeconds()
    {
        string folder = CopyQuick("fifo");
        File.Delete(Path.Combine(folder, "run.json"));
        Assert.Equal(0, Mkfifo(Path.Combine(folder, "run.json"), Convert.ToUInt32("600", 8)));

        AssertOneLineExitTwo(folder, "run.json");
    }

    [Fact]
    public void Report_WithAnExportLinkedOutside_IsOneLine()
    {
        string folder = CopyQuick("export-link");
        string export = Directory.GetFiles(folder, "*-report-full.json")[0];
        File.Delete(export);
        File.CreateSymbolicLink(export, "/dev/zero");

        AssertOneLineExitTwo(folder, Path.GetFileName(export));
    }

    [Fact]
    public void Report_WithPlotsLinkedOutside_WritesNothingThere()
    {
        string folder = CopyQuick("plots-link");
        string outside = Directory.CreateDirectory(Path.Combine(_temp, "outside")).FullName;
        Directory.Delete(Path.Combine(folder, "plots"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(folder, "plots"), outside);

        var error = new StringWriter();
        int code = SuiteRunner.Run(["report", folder], new StringWriter(), error);

        Assert.Empty(Directory.GetFileSystemEntries(outside));
        Assert.Equal(SuiteRunner.UsageError, code);
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private void AssertOneLineExitTwo(string folder, string naming)
    {
        var error = new StringWriter();
        var task = Task.Run(() => SuiteRunner.Run(["report", folder], new StringWriter(), error));

        Assert.True(task.Wait(TimeSpan.FromSeconds(30)), "report did not answer (a FIFO or device read blocks)");
        Assert.Equal(SuiteRunner.UsageError, task.Result);
        string line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(naming, line, StringComparison.Ordinal);
    }

    private string CopyQuick(string name)
    {
        string folder = Path.Combine(_temp, name.Replace(' ', '-'));
        Directory.CreateDirectory(folder);
        foreach (string file in Directory.GetFiles(Quick).Where(f => f.EndsWith(".json", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        Directory.CreateDirectory(Path.Combine(folder, "plots"));
        return folder;
    }

    // A mutation: {"path.to.member": value, ...} set in run.json; or a named one.
    private static void Mutate(string runJson, string mutation)
    {
        JsonNode root = JsonNode.Parse(File.ReadAllText(runJson))!;
        switch (mutation)
        {
            case "benchmark:null":
                root["benchmarks"]!.AsArray()[0] = null;
                break;
            case "duplicate":
                root["benchmarks"]!.AsArray().Add(root["benchmarks"]![0]!.DeepClone());
                break;
            case "root:[]":
                File.WriteAllText(runJson, "[]");
                return;
            default:
                foreach ((string path, JsonNode? value) in JsonNode.Parse(mutation)!.AsObject())
                {
                    string[] parts = path.Split('.');
                    JsonNode parent = root;
                    foreach (string part in parts[..^1])
                    {
                        parent = int.TryParse(part, out int i) ? parent[i]! : parent[part]!;
                    }

                    if (int.TryParse(parts[^1], out int index))
                    {
                        parent[index] = value?.DeepClone();
                    }
                    else
                    {
                        parent[parts[^1]] = value?.DeepClone();
                    }
                }

                break;
        }

        File.WriteAllText(runJson, root.ToJsonString());
    }

    private static string[] Listing(string folder) => [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)];

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(string path, uint mode);
}
