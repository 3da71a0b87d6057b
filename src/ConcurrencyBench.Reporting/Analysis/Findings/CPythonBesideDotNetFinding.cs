using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Reporting.Analysis.Findings;

/// <summary>What a CPython row set beside its .NET row shows.</summary>
internal enum CPythonLesson
{
    /// <summary>Threads do not speed computing work up in CPython (slower than, or not separated from, its Sequential) while .NET's do.</summary>
    ThreadsDoNotSpeedUpComputing,

    /// <summary>In CPython it takes processes to use the cores for computing work.</summary>
    ProcessesUseTheCores,

    /// <summary>asyncio and Task.WhenAll both wait for every call in about one latency (efficiency at least 0.8 at the lower bound).</summary>
    BothWaitInOneLatency,

    /// <summary>What a pipe echo moves in each, at the largest payload both measured.</summary>
    PipeEcho,

    /// <summary>What starting a process costs in each.</summary>
    ProcessStart,
}

/// <summary>CPython beside .NET: a CPython row and its .NET row, and what they show.</summary>
/// <param name="Question">The CPython question.</param>
/// <param name="Lesson">What they show.</param>
/// <param name="CPython">The CPython row.</param>
/// <param name="DotNet">The .NET row it is set beside.</param>
/// <param name="Interpreter">The interpreter that ran the CPython row; null where the run does not say.</param>
/// <param name="PayloadBytes">For <see cref="CPythonLesson.PipeEcho"/>, the payload echoed.</param>
internal sealed record CPythonBesideDotNetFinding(QuestionResult Question, CPythonLesson Lesson, RowResult CPython, RowResult DotNet, CPythonRecord? Interpreter, int? PayloadBytes = null)
    : GuideFinding(Question);
