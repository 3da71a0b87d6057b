using System.Globalization;
using ConcurrencyBench.Reporting.Analysis;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;
using ConcurrencyBench.Reporting.Writing;
using ScottPlot;

namespace ConcurrencyBench.Reporting.Plots;

/// <summary>
/// The plots of a run, one question each: speedup per strategy with its interval, time against N for waiting work,
/// GB/s against payload size per transport, and the copy-versus-compute crossover. Every figure is drawn with its
/// interval; log axes are log10 of the values, with ticks labelled in the values' units.
/// </summary>
public static class Charts
{
    /// <summary>How far the strategies' names under a bar chart are turned, in degrees.</summary>
    public const float TickLabelDegrees = 30;

    /// <summary>The size plots are drawn at, in pixels.</summary>
    public const int Width = 1000;

    /// <summary>The size plots are drawn at, in pixels.</summary>
    public const int Height = 560;

    /// <summary>Speedup over the reference of every measured row of a group, with its interval; null when none has one.</summary>
    /// <param name="question">The question.</param>
    /// <param name="group">The group (one set of parameters).</param>
    public static Plot? Speedup(QuestionResult question, GroupResult group)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(group);
        RowResult[] rows = [.. group.Rows.Where(r => r.Speedup is not null)];
        if (rows.Length == 0)
        {
            return null;
        }

        Plot plot = NewPlot($"{Short(question)}: speedup over {rows[0].Reference!.Method}{(group.Title.Length > 0 ? ", " + group.Title : "")}");
        var bars = new List<Bar>();
        for (int i = 0; i < rows.Length; i++)
        {
            Estimate s = rows[i].Speedup!.Value;
            // A floor (the compute alone, an in-process copy) is a bound to read the options against, not an option.
            bars.Add(new Bar { Position = i, Value = s.Value, FillColor = rows[i].Record.IsFloor ? Colors.LightGray : rows[i].SpeedupEstimateNote is null ? Colors.SteelBlue : Colors.LightSteelBlue });
        }

        plot.Add.Bars(bars);
        AddErrors(plot, [.. Enumerable.Range(0, rows.Length).Select(i => (double)i)], [.. rows.Select(r => r.Speedup!.Value)], Colors.Black);
        plot.Add.HorizontalLine(1, 1.5f, Colors.DarkRed, LinePattern.Solid).LegendText = "1: as fast as " + rows[0].Reference!.Method;
        if (question.Class.IdealTime?.ItemCosts is { Count: > 0 } costs)
        {
            plot.Add.HorizontalLine(ScheduleBounds.Ideal(costs, question.Class.IdealTime.Cores), 1.5f, Colors.DarkGreen, LinePattern.Solid).LegendText = "the best any schedule allows on these cores";
        }

        string[] names = [.. rows.Select(r => r.Method + (r.Record.IsFloor ? " (floor)" : "") + (r.SpeedupEstimateNote is null ? "" : " *"))];
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. Enumerable.Range(0, rows.Length).Select(i => (double)i)], names);
        plot.Axes.Bottom.TickLabelStyle.Rotation = TickLabelDegrees;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        // The names run down and to the right of their bars: room below for the longest, and on the right for the
        // last one, which would otherwise run off the figure.
        using (Paint paint = Paint.NewDisposablePaint())
        {
            double radians = TickLabelDegrees * Math.PI / 180;
            float longest = names.Max(n => plot.Axes.Bottom.TickLabelStyle.Measure(n, paint).Width);
            plot.Axes.Bottom.MinimumSize = Math.Max(110, (float)(longest * Math.Sin(radians)) + 50);
            plot.Axes.Right.MinimumSize = (float)(plot.Axes.Bottom.TickLabelStyle.Measure(names[^1], paint).Width * Math.Cos(radians)) + 10;
        }

        plot.YLabel($"Speedup (×), {ConfidenceText(question)}");
        plot.XLabel(rows.Any(r => r.SpeedupEstimateNote is not null) ? "Strategy (* against an estimated Sequential)" : "Strategy");
        plot.Axes.Margins(bottom: 0, top: 0.2);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>Median time against N per strategy, log axes, with the one-latency ideal; null when N does not vary.</summary>
    /// <param name="question">A waiting-work question.</param>
    public static Plot? TimeAgainstN(QuestionResult question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var series = question.Rows
            .Where(r => r.IsMeasured && double.TryParse(r.Record.Parameter("N"), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .GroupBy(r => r.Method)
            .ToArray();
        if (series.All(g => g.Count() < 2))
        {
            return null;
        }

        Plot plot = NewPlot($"{Short(question)}: time of one call against N");
        double[] allN = [.. question.Rows.Select(r => Number(r.Record.Parameter("N"))).Where(n => n > 0).Distinct().Order()];
        var shown = new List<double>();
        foreach (var method in series)
        {
            RowResult[] rows = [.. method.OrderBy(r => Number(r.Record.Parameter("N")))];
            double[] xs = [.. rows.Select(r => Math.Log10(Number(r.Record.Parameter("N"))))];
            Estimate[] ms = [.. rows.Select(r => r.Time!.Value.Scale(1e-6))];
            AddLogSeries(plot, method.Key, xs, ms);
            shown.AddRange(ms.SelectMany(e => new[] { e.Value, e.Lower ?? e.Value, e.Upper ?? e.Value }));
        }

        if (question.Class.IdealTime?.LatencyParameter is string latency && Number(question.Rows.First().Record.Parameter(latency)) is double l and > 0)
        {
            shown.Add(l);
            // Dashed: the palette has dark greens too, and a series must not read as the ideal.
            plot.Add.HorizontalLine(Math.Log10(l), 1.5f, Colors.DarkGreen, LinePattern.Dashed).LegendText = $"ideal: one latency ({l:0} ms)";
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. allN.Select(Math.Log10)], [.. allN.Select(n => n.ToString("#,0", CultureInfo.InvariantCulture))]);
        plot.Axes.Left.TickGenerator = OneTwoFiveTicks(shown, ms => Units.Time(ms * 1e6));
        plot.XLabel("N, calls per operation (log scale)");
        plot.YLabel($"Median time of one operation (log scale), {ConfidenceText(question)}");
        // Outside the data: inside, it hid the points it could not avoid (Sequential's single one at the smallest N).
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>
    /// CPU time per operation over the process tree against N per strategy, log axes; null when no strategy has cost
    /// readings at two N or more. Figures without an interval (launches of few ticks) are drawn without bars.
    /// </summary>
    /// <param name="question">A waiting-work question.</param>
    public static Plot? CpuAgainstN(QuestionResult question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var series = RowCost.Of(question, StatisticsSettings.Default.ConfidenceLevel)
            .Where(c => c.Row.Record.Inputs?.Items is > 0 && c.CpuPerOperation.Value > 0)
            .GroupBy(c => c.Row.Method)
            .Where(g => g.Count() >= 2)
            .ToArray();
        if (series.Length == 0)
        {
            return null;
        }

        Plot plot = NewPlot($"{Short(question)}: CPU per operation against N");
        double[] allN = [.. series.SelectMany(g => g).Select(c => (double)c.Row.Record.Inputs!.Items!.Value).Distinct().Order()];
        var shown = new List<double>();
        foreach (var method in series)
        {
            RowCost[] costs = [.. method.OrderBy(c => c.Row.Record.Inputs!.Items)];
            double[] xs = [.. costs.Select(c => Math.Log10(c.Row.Record.Inputs!.Items!.Value))];
            Estimate[] ms = [.. costs.Select(c => c.CpuPerOperation.Scale(1e-6))];
            AddLogSeries(plot, method.Key, xs, ms);
            shown.AddRange(ms.SelectMany(e => new[] { e.Value, e.Lower ?? e.Value, e.Upper ?? e.Value }));
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. allN.Select(Math.Log10)], [.. allN.Select(n => n.ToString("#,0", CultureInfo.InvariantCulture))]);
        plot.Axes.Left.TickGenerator = OneTwoFiveTicks(shown, ms => Units.Time(ms * 1e6));
        plot.XLabel("N, calls per operation (log scale)");
        plot.YLabel($"CPU time of one operation (log scale), {ConfidenceText(question)}");
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>What <see cref="CpuAgainstN"/>'s figure shows beyond its axis labels, for the text beside it.</summary>
    public const string CpuAgainstNCaption =
        "CPU time (user + system) of one operation, summed over the benchmark process and every process it used; " +
        "a point without a bar comes from launches of too few 10 ms ticks for an interval.";

    /// <summary>Efficiency against the time of one item per strategy, log x, with the 0.8 line; null with fewer than two sizes.</summary>
    /// <param name="granularity">A granularity reading.</param>
    public static Plot? EfficiencyAgainstItemSize(GranularityResult granularity)
    {
        ArgumentNullException.ThrowIfNull(granularity);
        GranularityRow[] rows = [.. granularity.Rows.Where(r => r.Points.Count >= 2)];
        if (rows.Length == 0)
        {
            return null;
        }

        Plot plot = NewPlot($"{Short(granularity.Question)}: efficiency against the work of one item");
        foreach (GranularityRow row in rows)
        {
            double[] xs = [.. row.Points.Select(p => Math.Log10(p.ItemNanoseconds / 1e3))];
            Estimate[] ys = [.. row.Points.Select(p => p.Efficiency)];
            var line = plot.Add.Scatter(xs, [.. ys.Select(e => e.Value)]);
            line.LegendText = row.Method;
            line.LineWidth = 2;
            line.MarkerSize = 6;
            AddErrors(plot, xs, ys, line.Color);
        }

        plot.Add.HorizontalLine(GranularityResult.PayingEfficiency, 1.5f, Colors.DarkGreen, LinePattern.Dashed).LegendText = $"pays: efficiency {GranularityResult.PayingEfficiency:0.0} (lower bound)";
        plot.Axes.Bottom.TickGenerator = LogTicks(us => Units.Time(us * 1e3));
        plot.XLabel("Work of one item on one core (log scale)");
        plot.YLabel($"Efficiency (1 = all cores busy with work), {ConfidenceText(granularity.Question)}");
        plot.Axes.SetLimitsY(0, 1.1);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>
    /// GB/s against payload size, log axes: the like-for-like rows (the same work on every transport) and their floor,
    /// or every row that moves bytes where a run has no like-for-like rows; null when none moves bytes.
    /// </summary>
    /// <param name="question">A data-movement question.</param>
    public static Plot? ThroughputAgainstSize(QuestionResult question)
    {
        ArgumentNullException.ThrowIfNull(question);
        RowResult[] moving = [.. question.Rows.Where(r => r.GigabytesPerSecond is not null && Number(r.Record.Parameter("PayloadBytes")) > 0)];
        string[] likeForLike = [.. moving.Where(r => r.IsLikeForLike).SelectMany(r => new[] { r.Method, r.Record.ComparedWith! }).Distinct()];
        var series = moving.Where(r => likeForLike.Length == 0 || likeForLike.Contains(r.Method)).GroupBy(r => r.Method).ToArray();
        if (series.Length == 0)
        {
            return null;
        }

        Plot plot = NewPlot($"{Short(question)}: GB/s against payload size{(likeForLike.Length > 0 ? ", the same work on every transport" : "")}");
        double[] sizes = [.. series.SelectMany(g => g).Select(r => Number(r.Record.Parameter("PayloadBytes"))).Distinct().Order()];
        foreach (var method in series)
        {
            RowResult[] rows = [.. method.OrderBy(r => Number(r.Record.Parameter("PayloadBytes")))];
            double[] xs = [.. rows.Select(r => Math.Log10(Number(r.Record.Parameter("PayloadBytes"))))];
            AddLogSeries(plot, method.Key + (rows[0].Record.IsFloor ? " (in process: the floor)" : ""), xs, [.. rows.Select(r => r.GigabytesPerSecond!.Value)]);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. sizes.Select(Math.Log10)], [.. sizes.Select(Units.Bytes)]);
        plot.Axes.Left.TickGenerator = LogTicks(Units.Number);
        plot.XLabel("Payload size (log scale)");
        plot.YLabel($"GB/s, 10^9 bytes delivered per second (log scale), {ConfidenceText(question)}");
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>The pool's speedup against the compute per byte, per transport and payload size, log x; null without cells.</summary>
    /// <param name="question">A crossover question.</param>
    public static Plot? Crossover(QuestionResult question)
    {
        ArgumentNullException.ThrowIfNull(question);
        IReadOnlyList<CrossoverPoint> points = CrossoverPoint.Of(question);
        if (points.Count == 0)
        {
            return null;
        }

        Plot plot = NewPlot($"{Short(question)}: where a process pool breaks even");
        foreach (var cell in points.GroupBy(p => (p.Transport, p.PayloadBytes)).OrderBy(g => g.Key.Transport, StringComparer.Ordinal).ThenBy(g => g.Key.PayloadBytes))
        {
            CrossoverPoint[] ordered = [.. cell.OrderBy(p => p.NanosecondsPerByte)];
            double[] xs = [.. ordered.Select(p => Math.Log10(p.NanosecondsPerByte))];
            Estimate[] speedups = [.. ordered.Select(p => p.Speedup)];
            var scatter = plot.Add.Scatter(xs, [.. speedups.Select(s => s.Value)]);
            scatter.LegendText = $"{cell.Key.Transport}, {Units.Bytes(cell.Key.PayloadBytes)}";
            scatter.MarkerSize = 6;
            AddErrors(plot, xs, speedups, scatter.Color);
        }

        plot.Add.HorizontalLine(1, 1.5f, Colors.DarkRed, LinePattern.Solid).LegendText = "break-even (speedup 1)";
        plot.Axes.Bottom.TickGenerator = LogTicks(ns => Units.Number(ns) + " ns");
        plot.XLabel("Compute per byte, ns (Sequential's time / bytes; log scale)");
        plot.YLabel($"Pool speedup over Sequential (×), {ConfidenceText(question)}");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot NewPlot(string title)
    {
        PlotFonts.Register();
        var plot = new Plot();
        // 25 colours chosen to stay apart: a waiting-work plot has a dozen series, and ScottPlot's default ten repeat.
        plot.Add.Palette = new ScottPlot.Palettes.Tsitsulin();
        plot.Font.Set(PlotFonts.Family);
        plot.Title(title, size: 18);
        plot.Axes.Title.Label.FontName = PlotFonts.Family;
        plot.Axes.Title.Label.Bold = true;
        plot.Legend.FontName = PlotFonts.Family;
        return plot;
    }

    // A series on log10 axes: the estimates' intervals become asymmetric bars in log space.
    private static void AddLogSeries(Plot plot, string label, double[] xs, Estimate[] values)
    {
        double[] ys = [.. values.Select(v => Math.Log10(v.Value))];
        var scatter = plot.Add.Scatter(xs, ys);
        scatter.LegendText = label;
        scatter.MarkerSize = 6;
        var errors = new ScottPlot.Plottables.ErrorBar(
            xs, ys, null, null,
            [.. values.Select(v => v.Upper is double u ? Math.Log10(u) - Math.Log10(v.Value) : 0)],
            [.. values.Select(v => v.Lower is double l && l > 0 ? Math.Log10(v.Value) - Math.Log10(l) : 0)]);
        errors.Color = scatter.Color;
        plot.Add.Plottable(errors);
    }

    private static void AddErrors(Plot plot, double[] xs, Estimate[] values, Color color)
    {
        var errors = new ScottPlot.Plottables.ErrorBar(
            xs, [.. values.Select(v => v.Value)], null, null,
            [.. values.Select(v => v.Upper is double u ? u - v.Value : 0)],
            [.. values.Select(v => v.Lower is double l ? v.Value - l : 0)]);
        errors.Color = color;
        errors.CapSize = 5;
        plot.Add.Plottable(errors);
    }

    // Ticks at 1, 2 and 5 times each power of ten over the values' range (log axis), labelled with the value: with powers
    // of ten alone, waiting times from 50 to 400 ms got a single label, 100 ms.
    internal static ScottPlot.TickGenerators.NumericManual OneTwoFiveTicks(IReadOnlyCollection<double> values, Func<double, string> label)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        double[] positive = [.. values.Where(v => v > 0 && double.IsFinite(v))];
        if (positive.Length == 0)
        {
            return ticks;
        }

        double low = positive.Min() / 1.25;
        double high = positive.Max() * 1.25;
        for (int power = (int)Math.Floor(Math.Log10(low)); power <= (int)Math.Ceiling(Math.Log10(high)); power++)
        {
            foreach (double step in (double[])[1, 2, 5])
            {
                double tick = step * Math.Pow(10, power);
                if (tick >= low && tick <= high)
                {
                    ticks.AddMajor(Math.Log10(tick), label(tick));
                }
            }
        }

        return ticks;
    }

    // Major ticks at powers of ten, minor ticks between them, labelled with the value, not its logarithm.
    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks(Func<double, string> label) => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = y => label(Math.Pow(10, y)),
    };

    private static string Short(QuestionResult question)
    {
        string q = question.Class.Question;
        int colon = q.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? q[..colon] : q;
    }

    private static string ConfidenceText(QuestionResult question) => $"bars: {StatisticsSettings.Default.ConfidencePercent} CI";

    private static double Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
}
