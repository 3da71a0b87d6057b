using System.Diagnostics;
using System.Globalization;
using ConcurrencyBench.Benchmarks.Infrastructure;

namespace ConcurrencyBench.Tests.Benchmarks;

/// <summary>
/// The process tree's cost readings: the CPU time a child spends shows in the tree's difference, whether the child has
/// ended (through the parent that waited for it) or still runs, and the peaks can be reset and read. Each figure is
/// checked against what the child itself says it spent (its own process_time), never against a clock. The suite runs
/// on Linux (its /proc); elsewhere the readings are null, "not measured".
/// </summary>
public sealed class ProcessTreeTests
{
    // About 0.3 s of CPU in CPython: 30 ticks of 10 ms, so that rounding to ticks cannot hide it.
    private const string Burn = "import time,sys\nx=0\nwhile time.process_time() < 0.3: x += 1\nprint(time.process_time(), flush=True)\n";

    [Fact]
    public void Of_TheTestProcess_ListsItFirst_AndAChildBelowIt()
    {
        using Process child = Start("import sys\nsys.stdin.read()\n");
        try
        {
            IReadOnlyList<int> tree = ProcessTree.Of(Environment.ProcessId);

            Assert.Equal(Environment.ProcessId, tree[0]);
            Assert.Contains(child.Id, tree);
        }
        finally
        {
            child.StandardInput.Close();
            child.WaitForExit();
        }
    }

    [Fact]
    public void Of_LeavesOutAProcessItIsToldTo_ByItsCommandLine()
    {
        string marker = "cb-left-out-" + Guid.NewGuid().ToString("N");
        using Process left = Start("import sys\nsys.stdin.read()\n# " + marker);
        using Process kept = Start("import sys\nsys.stdin.read()\n");
        try
        {
            // Until the child has exec'd, its command line is still this process's.
            SpinWait.SpinUntil(() => ProcessTree.CommandLineNames(left.Id, marker), TimeSpan.FromSeconds(30));

            IReadOnlyList<int> tree = ProcessTree.Of(Environment.ProcessId, pid => ProcessTree.CommandLineNames(pid, marker));

            Assert.False(tree.Contains(left.Id), $"left out by its command line, which reads: {File.ReadAllText($"/proc/{left.Id}/cmdline").Replace('\0', ' ')}");
            Assert.Contains(kept.Id, tree);
        }
        finally
        {
            left.StandardInput.Close();
            kept.StandardInput.Close();
            left.WaitForExit();
            kept.WaitForExit();
        }
    }

    [Fact]
    public void CpuTicks_AChildThatEndedAndWasWaitedFor_CountsThroughItsParent()
    {
        (long User, long System) before = ProcessTree.CpuTicks(ProcessTree.Of(Environment.ProcessId))!.Value;
        double spent;
        using (Process child = Start(Burn))
        {
            spent = double.Parse(child.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
            child.StandardInput.Close();
            child.WaitForExit(); // reaped: its CPU time is now this process's cutime
        }

        (long User, long System) after = ProcessTree.CpuTicks(ProcessTree.Of(Environment.ProcessId))!.Value;

        double seconds = (after.User + after.System - before.User - before.System) / (double)ProcessTree.TicksPerSecond;
        Assert.True(seconds >= 0.8 * spent, $"the tree's difference {seconds:0.00} s, the child's own {spent:0.00} s");
    }

    [Fact]
    public void CpuTicks_AChildThatStillRuns_CountsAsADescendant()
    {
        (long User, long System) before = ProcessTree.CpuTicks(ProcessTree.Of(Environment.ProcessId))!.Value;
        using Process child = Start(Burn + "import sys\nsys.stdin.read()\n");
        try
        {
            double spent = double.Parse(child.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);

            (long User, long System) after = ProcessTree.CpuTicks(ProcessTree.Of(Environment.ProcessId))!.Value; // it waits on its input: alive

            double seconds = (after.User + after.System - before.User - before.System) / (double)ProcessTree.TicksPerSecond;
            Assert.True(seconds >= 0.8 * spent, $"the tree's difference {seconds:0.00} s, the child's own {spent:0.00} s");
        }
        finally
        {
            child.StandardInput.Close();
            child.WaitForExit();
        }
    }

    [Fact]
    public void Peaks_CanBeReset_AndReadAsBytes()
    {
        int[] self = [Environment.ProcessId];

        Assert.True(ProcessTree.ResetPeaks(self));
        long? peak = ProcessTree.PeakResidentBytes(self);

        Assert.NotNull(peak);
        Assert.True(peak > 1 << 20, $"peak {peak} B"); // a .NET process holds more than a MiB
        Assert.Equal(0, peak % 1024);
    }

    [Fact]
    public void AProcessThatIsNotThere_ReadsAsNotMeasured()
    {
        int[] gone = [int.MaxValue];

        Assert.Null(ProcessTree.CpuTicks(gone));
        Assert.Null(ProcessTree.PeakResidentBytes(gone));
        Assert.False(ProcessTree.ResetPeaks(gone));
    }

    private static Process Start(string program)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(program);
        return Process.Start(info)!;
    }
}
