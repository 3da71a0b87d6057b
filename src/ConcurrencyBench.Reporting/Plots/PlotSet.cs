using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;
using ScottPlot;

namespace ConcurrencyBench.Reporting.Plots;

/// <summary>Writes every plot of a run into its folder's <c>plots/</c>, as PNG and SVG.</summary>
public static class PlotSet
{
    /// <summary>The subfolder the plots go to.</summary>
    public const string FolderName = "plots";

    /// <summary>The plots of <paramref name="analysis"/>, written (atomically) into <paramref name="folder"/>/plots.</summary>
    /// <param name="analysis">The run.</param>
    /// <param name="folder">The results folder.</param>
    public static IReadOnlyList<PlotFile> Write(RunAnalysis analysis, string folder)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var files = new List<PlotFile>();
        foreach ((string type, string name, Plot plot, string? caption) in Plots(analysis))
        {
            string directory = Path.Combine(folder, FolderName);
            ResultsFile.CheckWritableFolder(folder, directory);
            Directory.CreateDirectory(directory);
            string png = Path.Combine(FolderName, name + ".png");
            string svg = Path.Combine(FolderName, name + ".svg");
            ResultsFile.CheckWritableFolder(directory, Path.GetDirectoryName(Path.Combine(folder, png))!); // the name stays inside plots/
            Save(Path.Combine(folder, png), p => plot.SavePng(p, Charts.Width, Charts.Height));
            Save(Path.Combine(folder, svg), p => plot.SaveSvg(p, Charts.Width, Charts.Height));
            files.Add(new PlotFile(type, plot.Axes.Title.Label.Text, png, svg) { Caption = caption });
        }

        return files;
    }

    /// <summary>Every plot the run's figures allow, with the file name it is saved under and its caption (or null).</summary>
    /// <param name="analysis">The run.</param>
    public static IEnumerable<(string Type, string Name, Plot Plot, string? Caption)> Plots(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        foreach (QuestionResult q in analysis.Questions)
        {
            string type = q.Class.Type;
            switch (q.Class.Kind)
            {
                case QuestionKind.StrategyComparison:
                    // The group whose reference was measured (not estimated), with the most rows.
                    GroupResult? group = q.Groups
                        .Where(g => g.Rows.Any(r => r.Speedup is not null && r.SpeedupEstimateNote is null))
                        .MaxBy(g => g.Rows.Count(r => r.Speedup is not null));
                    if (group is not null && Charts.Speedup(q, group) is Plot speedup)
                    {
                        yield return (type, $"{type}-speedup", speedup, null);
                    }

                    if (q.Class.IdealTime?.Model == IdealTimeRecord.OneLatency && Charts.TimeAgainstN(q) is Plot time)
                    {
                        yield return (type, $"{type}-time-against-n", time, null);
                    }

                    if (q.Class.IdealTime?.Model == IdealTimeRecord.OneLatency && Charts.CpuAgainstN(q) is Plot cpu)
                    {
                        yield return (type, $"{type}-cpu-against-n", cpu, Charts.CpuAgainstNCaption);
                    }

                    if (GranularityResult.Of(q) is GranularityResult granularity && Charts.EfficiencyAgainstItemSize(granularity) is Plot efficiency)
                    {
                        yield return (type, $"{type}-efficiency-against-item-size", efficiency, null);
                    }

                    break;
                case QuestionKind.DataMovement when Charts.ThroughputAgainstSize(q) is Plot throughput:
                    yield return (type, $"{type}-gbps-against-size", throughput, null);
                    break;
                case QuestionKind.Crossover when Charts.Crossover(q) is Plot crossover:
                    yield return (type, $"{type}-crossover", crossover, null);
                    break;
            }
        }
    }

    private static void Save(string path, Action<string> save)
    {
        string extension = Path.GetExtension(path);
        string temp = Path.ChangeExtension(path, ".tmp-" + Guid.NewGuid().ToString("N") + extension);
        try
        {
            save(temp);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
