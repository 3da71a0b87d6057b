using System.Diagnostics;

namespace ConcurrencyBench.Processes;

/// <summary>
/// The .NET runtime's diagnostic endpoints in the child processes the suite starts (workers, silos, the HTTP service).
/// A .NET process creates a diagnostics socket (<c>dotnet-diagnostic-PID-…-socket</c>) and two debugger pipes
/// (<c>clr-debug-pipe-PID-…</c>) in the temp folder when it starts, and removes them when it exits; a child killed with
/// SIGKILL (a hung worker its supervisor ends, a child a crash test kills) cannot, and leaves them behind. No child of
/// the suite is debugged or traced, so they start without them.
/// </summary>
internal static class ChildRuntimeDiagnostics
{
    /// <summary>The runtime setting that turns the debugger, profiler and diagnostics endpoints off.</summary>
    public const string Variable = "DOTNET_EnableDiagnostics";

    /// <summary>Starts the child of <paramref name="info"/> without the runtime's diagnostic endpoints.</summary>
    /// <param name="info">The child's start information.</param>
    public static void TurnOff(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.Environment[Variable] = "0";
    }
}
