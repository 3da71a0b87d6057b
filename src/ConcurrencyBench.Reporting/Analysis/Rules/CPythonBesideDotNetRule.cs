using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Rules;

/// <summary>
/// CPython beside .NET, where the figures show it: threads that do not speed up computing work in CPython (the GIL)
/// while they do in .NET; processes that do; asyncio and Task.WhenAll both waiting for every call in about one
/// latency; what a pipe echo and a process start cost in each.
/// </summary>
internal sealed class CPythonBesideDotNetRule : IGuideRule
{
    /// <summary>
    /// The smallest payload whose pipe echo the guide quotes as a bandwidth (1 MiB): below it a call's fixed cost, not
    /// the copy, sets the time of an echo.
    /// </summary>
    public const int BandwidthPayloadBytes = 1 << 20;

    /// <inheritdoc/>
    public IEnumerable<GuideFinding> Find(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        CPythonRecord? interpreter = analysis.Run.CPython;
        BesidePair[] pairs = [.. BesidePair.Of(analysis).Where(p => p.CPython.IsMeasured && p.DotNet is { IsMeasured: true })];
        // The pipe echo at the largest payload both sides measured, if that payload is large enough to read as a bandwidth.
        int? echoBytes = pairs.Where(p => p.Question.Class.Kind == QuestionKind.DataMovement).Max(p => p.CPython.Record.Inputs?.PayloadBytes);
        foreach (BesidePair pair in pairs)
        {
            RowResult py = pair.CPython, net = pair.DotNet!;
            CPythonLesson? lesson = pair.Question.Class.Kind switch
            {
                QuestionKind.StrategyComparison when pair.Question.Class.IdealTime?.Model == IdealTimeRecord.WorkOverCores
                    && py.Record.Waits == "BlockingPool" && py.VersusReference is Separation.NotSeparated or Separation.Slower && net.VersusReference == Separation.Faster
                    => CPythonLesson.ThreadsDoNotSpeedUpComputing,
                QuestionKind.StrategyComparison when pair.Question.Class.IdealTime?.Model == IdealTimeRecord.WorkOverCores
                    && py.Record.Waits == "Process" && py.VersusReference == Separation.Faster
                    => CPythonLesson.ProcessesUseTheCores,
                QuestionKind.StrategyComparison when py.Record.Waits == "Async" && py.Efficiency?.Lower >= 0.8 && net.Efficiency?.Lower >= 0.8
                    => CPythonLesson.BothWaitInOneLatency,
                QuestionKind.DataMovement when echoBytes >= BandwidthPayloadBytes && py.Record.Inputs?.PayloadBytes == echoBytes
                    => CPythonLesson.PipeEcho,
                QuestionKind.BaselineComparison => CPythonLesson.ProcessStart,
                _ => null,
            };
            if (lesson is CPythonLesson l)
            {
                yield return new CPythonBesideDotNetFinding(pair.Question, l, py, net, interpreter, l == CPythonLesson.PipeEcho ? echoBytes : null);
            }
        }
    }
}
