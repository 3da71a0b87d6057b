using ConcurrencyBench.Benchmarks.Infrastructure;

namespace ConcurrencyBench.Tests.Benchmarks;

/// <summary>
/// The context-switch probe: a process that registered answers the signal with getrusage's counts, which include the
/// threads that have ended (what <c>/proc/PID/status</c> cannot give: the main thread's alone). The test process plays
/// both sides: it registers as a benchmark process does, then asks itself.
/// </summary>
public sealed class ContextSwitchProbeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cb-probe-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AProcessThatRegistered_Answers_CountingThreadsThatEnded()
    {
        Environment.SetEnvironmentVariable(ContextSwitchProbe.DirectoryVariable, _folder);
        try
        {
            ContextSwitchProbe.RegisterIfAsked();
        }
        finally
        {
            Environment.SetEnvironmentVariable(ContextSwitchProbe.DirectoryVariable, null);
        }

        (long Voluntary, long Involuntary) before = ContextSwitchProbe.Ask(_folder, Environment.ProcessId)!.Value;
        // Fifty threads that each wait once (a voluntary switch at least) and end before the second reading.
        Thread[] threads = [.. Enumerable.Range(0, 50).Select(_ => new Thread(() => Thread.Sleep(2)))];
        foreach (Thread t in threads)
        {
            t.Start();
        }

        foreach (Thread t in threads)
        {
            t.Join();
        }

        (long Voluntary, long Involuntary) after = ContextSwitchProbe.Ask(_folder, Environment.ProcessId)!.Value;

        Assert.True(after.Voluntary - before.Voluntary >= 50, $"voluntary switches {before.Voluntary} then {after.Voluntary}");
        Assert.True(after.Involuntary >= before.Involuntary);
    }

    [Fact]
    public void AProcessThatDidNotRegister_IsNotAsked()
    {
        using var child = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            // No "ready" file: the host sends nothing (SIGUSR2's default action would end the process) and reads nothing.
            Assert.Null(ContextSwitchProbe.Ask(_folder, child.Id));
            Assert.False(child.HasExited);
        }
        finally
        {
            child.Kill();
            child.WaitForExit();
        }
    }

    [Theory]
    [InlineData("12 3", 12L, 3L)]
    [InlineData("0 0\n", 0L, 0L)]
    public void Parse_ReadsTwoCounts(string text, long voluntary, long involuntary) =>
        Assert.Equal((voluntary, involuntary), ContextSwitchProbe.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("-1 3")]
    [InlineData("1 2 3")]
    [InlineData("a b")]
    public void Parse_RefusesAnythingElse(string text) => Assert.Null(ContextSwitchProbe.Parse(text));
}
