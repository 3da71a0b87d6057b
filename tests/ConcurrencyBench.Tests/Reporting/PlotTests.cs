using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Plots;
using ConcurrencyBench.Reporting.Results;
using SkiaSharp;

namespace ConcurrencyBench.Tests.Reporting;

public sealed class PlotTests
{
    public static TheoryData<string> PlotNames() => [.. PlotSet.Plots(Analysis()).Select(p => p.Name)];

    [Fact]
    public void Plots_FromFixedInputs_OneForEveryQuestionThatHasFigures()
    {
        string[] names = [.. PlotSet.Plots(Analysis()).Select(p => p.Name)];

        Assert.Equal(
            ["IoAggregation-speedup", "IoAggregation-time-against-n", "IoAggregation-cpu-against-n", "PrimeChecks-speedup", "IpcPayloadSweep-gbps-against-size", "CopyVersusCompute-crossover", "TaskGranularity-speedup", "TaskGranularity-efficiency-against-item-size"],
            names);
    }

    [Theory]
    [MemberData(nameof(PlotNames))]
    public void Plot_HasTextInItsTitleBandAndOnBothAxes(string name)
    {
        var plot = PlotSet.Plots(Analysis()).Single(p => p.Name == name).Plot;
        using SKBitmap image = SKBitmap.Decode(plot.GetImage(Charts.Width, Charts.Height).GetImageBytes());

        Assert.NotEmpty(plot.Axes.Title.Label.Text);
        // A missing font draws no glyph: the bands where the title, the tick labels and the axis labels go stay blank.
        Assert.True(InkIn(image, new SKRectI(0, 0, image.Width, 30)) > 200, "the title band holds no text");
        Assert.True(InkIn(image, new SKRectI(0, 40, 45, image.Height - 60)) > 200, "the left axis holds no text");
        Assert.True(InkIn(image, new SKRectI(60, image.Height - 40, image.Width, image.Height)) > 200, "the bottom axis holds no text");
    }

    [Theory]
    [MemberData(nameof(PlotNames))]
    public void Plot_AxisLabelsFitAlongTheirAxes(string name)
    {
        // A rotated y label longer than the plot's height is cut at both ends (the CPU plot's was, until it lost its clause).
        var plot = PlotSet.Plots(Analysis()).Single(p => p.Name == name).Plot;
        plot.GetImage(Charts.Width, Charts.Height).Dispose();
        using ScottPlot.Paint paint = ScottPlot.Paint.NewDisposablePaint();

        Assert.True(plot.Axes.Left.Label.Measure(paint).Width < plot.RenderManager.LastRender.DataRect.Height + 60, "the y label is longer than its axis");
        Assert.True(plot.Axes.Bottom.Label.Measure(paint).Width < Charts.Width - 20, "the x label is wider than the figure");
    }

    [Fact]
    public void SpeedupPlot_TheLastStrategysTurnedNameEndsInsideTheFigure()
    {
        // The last bar's name runs down and to the right; a long one ran off the figure (FixedThreads_LargestFirst did).
        const string Cpu = "PrimeChecks", Last = "ProcessPool_LargestFirst_Pipelined";
        RunAnalysis analysis = RunAnalysis.Of(new FakeRun()
            .Class(Cpu, QuestionKind.StrategyComparison, new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [5, 3, 2, 1, 1], "divisions"))
            .Row(Cpu, "Sequential", FakeRun.Around(1.5e9), baseline: true, workers: "One")
            .Row(Cpu, "Plinq", FakeRun.Around(0.82e9, 10, 0.03), workers: "K")
            .Row(Cpu, "FixedThreads", FakeRun.Around(0.81e9, 10, 0.03), workers: "K")
            .Row(Cpu, "ThreadPerItem", FakeRun.Around(0.83e9, 10, 0.03), workers: "PerItem")
            .Row(Cpu, "TaskRunPerItem", FakeRun.Around(0.84e9, 10, 0.03), workers: "PerItem")
            .Row(Cpu, "ParallelForEach", FakeRun.Around(0.85e9, 10, 0.03), workers: "K")
            .Row(Cpu, "ProcessPool", FakeRun.Around(0.9e9, 10, 0.03), workers: "K")
            .Row(Cpu, Last, FakeRun.Around(0.8e9, 10, 0.03), workers: "K")
            .Build());
        var plot = PlotSet.Plots(analysis).Single(p => p.Name == "PrimeChecks-speedup").Plot;
        using SKBitmap image = SKBitmap.Decode(plot.GetImage(Charts.Width, Charts.Height).GetImageBytes());

        // A name cut by the figure's edge leaves ink in its last columns, below the chart.
        Assert.Equal(0, InkIn(image, new SKRectI(image.Width - 6, image.Height / 2, image.Width, image.Height)));
        Assert.True(InkIn(image, new SKRectI(image.Width / 2, image.Height - 200, image.Width, image.Height - 40)) > 200, "the names under the bars hold no text");
    }

    [Fact]
    public void Write_GivesTheCpuPlotItsCaption_AndTheReportPrintsIt()
    {
        string folder = Directory.CreateTempSubdirectory("cb-plots-").FullName;
        try
        {
            IReadOnlyList<PlotFile> files = PlotSet.Write(Analysis(), folder);
            string report = ConcurrencyBench.Reporting.Writing.ReportDocument.Render(Analysis(), files);

            Assert.Equal(Charts.CpuAgainstNCaption, Assert.Single(files, f => f.Caption is not null).Caption);
            Assert.Contains("*" + Charts.CpuAgainstNCaption + "*", report, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Write_SavesPngAndSvgForEveryPlot()
    {
        string folder = Directory.CreateTempSubdirectory("cb-plots-").FullName;
        try
        {
            IReadOnlyList<PlotFile> files = PlotSet.Write(Analysis(), folder);

            Assert.Equal(8, files.Count);
            Assert.All(files, f => Assert.True(new FileInfo(Path.Combine(folder, f.Png)).Length > 1000));
            Assert.All(files, f => Assert.Contains("<svg", File.ReadAllText(Path.Combine(folder, f.Svg)), StringComparison.Ordinal));
            Assert.Empty(Directory.GetFiles(Path.Combine(folder, PlotSet.FolderName), "*.tmp-*"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TimeAgainstN_GivesEachOfADozenStrategiesAColourOfItsOwn()
    {
        const string Io = "IoAggregation";
        var run = new FakeRun().Class(Io, QuestionKind.StrategyComparison, new IdealTimeRecord(IdealTimeRecord.OneLatency, "LatencyMs", 2, null, null));
        foreach (int n in new[] { 5, 100 })
        {
            (string, string)[] p = [("N", n.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("LatencyMs", "50"), ("K", "64")];
            for (int i = 0; i < 12; i++)
            {
                run.Row(Io, "Strategy" + i, FakeRun.Around((52 + i) * 1e6, 10, 0.05), p, baseline: i == 0);
            }
        }

        ScottPlot.Plot plot = Charts.TimeAgainstN(RunAnalysis.Of(run.Build()).Question(Io)!)!;
        ScottPlot.Color[] colours = [.. plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Select(s => s.Color)];

        Assert.Equal(12, colours.Length);
        Assert.Equal(12, colours.Distinct().Count());
    }

    [Fact]
    public void OneTwoFiveTicks_WaitingTimesFrom50To400Ms_LabelEachStepInTheirRange()
    {
        var ticks = Charts.OneTwoFiveTicks([50, 63, 210, 400], ms => ms.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ms");
        var plot = new ScottPlot.Plot();
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.SetLimitsY(Math.Log10(40), Math.Log10(500));
        plot.GetImage(600, 400).Dispose(); // the axis takes its ticks when it is drawn

        Assert.Equal(["50 ms", "100 ms", "200 ms", "500 ms"], ticks.Ticks.Select(t => t.Label));
        Assert.All(ticks.Ticks, t => Assert.True(t.IsMajor));
    }

    // Pixels that are not (nearly) the white background.
    private static int InkIn(SKBitmap image, SKRectI band)
    {
        int ink = 0;
        for (int y = Math.Max(0, band.Top); y < Math.Min(image.Height, band.Bottom); y++)
        {
            for (int x = Math.Max(0, band.Left); x < Math.Min(image.Width, band.Right); x++)
            {
                SKColor c = image.GetPixel(x, y);
                if (c.Red < 200 || c.Green < 200 || c.Blue < 200)
                {
                    ink++;
                }
            }
        }

        return ink;
    }

    private static RunAnalysis Analysis()
    {
        const string Io = "IoAggregation", Cpu = "PrimeChecks", Ipc = "IpcPayloadSweep", Cvc = "CopyVersusCompute";
        static (string, string)[] N(int n) => [("N", n.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("LatencyMs", "50"), ("K", "64")];
        var run = new FakeRun()
            .Class(Io, QuestionKind.StrategyComparison, new IdealTimeRecord(IdealTimeRecord.OneLatency, "LatencyMs", 2, null, null))
            .Class(Cpu, QuestionKind.StrategyComparison, new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, 2, [5, 3, 2, 1, 1], "divisions"))
            .Class(Ipc, QuestionKind.DataMovement)
            .Class(Cvc, QuestionKind.Crossover, items: 8);
        foreach (int n in new[] { 5, 100, 1000 })
        {
            run.Row(Io, "Sequential", n == 5 ? FakeRun.Around(250e6) : null, N(n), baseline: true, workers: "One")
               .Row(Io, "TaskWhenAll", FakeRun.Around(52e6, 10, 0.05), N(n), workers: "PerItem", waits: "Async", cost: new CostRecord([n * 9e3, n * 1e4, n * 11e3], [n * 1e3, n * 1e3, n * 1e3], null, [40, 41, 42]))
               .Row(Io, "ParallelForEachAsync", FakeRun.Around(50e6 * Math.Ceiling(n / 64.0), 10, 0.05), N(n), workers: "K", waits: "Async");
        }

        run.Row(Cpu, "Sequential", FakeRun.Around(1.5e9), baseline: true, workers: "One")
           .Row(Cpu, "Plinq", FakeRun.Around(0.82e9, 10, 0.03), workers: "K")
           .Row(Cpu, "TaskWhenAll", FakeRun.Around(1.5e9), workers: "PerItem", waits: "Async");
        foreach (int bytes in new[] { 1 << 10, 1 << 20, 1 << 26 })
        {
            (string, string)[] p = [("PayloadBytes", bytes.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            run.Row(Ipc, "InProcessCopyAndChecksum", FakeRun.Around(bytes * 0.3), p, floor: true, bytes: bytes)
               .Row(Ipc, "PipeOneWay", FakeRun.Around(60e3 + (bytes * 1.0), 10, 0.1), p, comparedWith: "InProcessCopyAndChecksum", bytes: bytes)
               .Row(Ipc, "SharedMemoryOneWay", FakeRun.Around(2e3 + (bytes * 0.4), 10, 0.1), p, comparedWith: "InProcessCopyAndChecksum", bytes: bytes);
        }

        foreach (int passes in new[] { 1, 8, 64 })
        {
            (string, string)[] p = [("PayloadBytes", "1048576"), ("Passes", passes.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            double sequential = 8 * (1 << 20) * 0.15 * passes;
            run.Row(Cvc, "Sequential", FakeRun.Around(sequential), p, baseline: true)
               .Row(Cvc, "ProcessPoolSharedMemory", FakeRun.Around(sequential / (passes == 1 ? 0.6 : 1.7), 10, 0.05), p, transport: Transports.SharedMemory)
               .Row(Cvc, "ProcessPoolPipe", FakeRun.Around(sequential / (passes == 64 ? 1.6 : 0.4), 10, 0.05), p, transport: Transports.Pipe);
        }

        GranularityFixture.AddTo(run);
        return RunAnalysis.Of(run.Build());
    }
}
