using System.Reflection;
using ConcurrencyBench.Benchmarks;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Tests.Ipc;
using ConcurrencyBench.Tests.Support;

namespace ConcurrencyBench.Tests.Benchmarks;

/// <summary>The plain-C echo (scripts/transport-floor.c) the echo rows are read against: its answers, its failures, what it
/// leaves (its rows at their deadline: <see cref="IpcPayloadSweepTests"/>).</summary>
[Collection(IpcCollection.Name)]
public sealed class PlainCFloorTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // 1 KiB and 64 KiB: written whole, then read; 1 MiB + 1 and 3 MiB: streamed, the last through pipes of 1 MiB.
    public static TheoryData<string, int> Echoes => new()
    {
        { "pipe", 1 << 10 },
        { "pipe", 64 << 10 },
        { "pipe", (1 << 20) + 1 },
        { "pipe", 3 << 20 },
        { "socket", 1 << 10 },
        { "socket", (1 << 20) + 1 },
        { "socket", 3 << 20 },
    };

    [Theory]
    [MemberData(nameof(Echoes))]
    public async Task Echo_GivesBackEveryByte_AndLeavesNoProcessOrFolder(string kind, int bytes)
    {
        Assert.Null(PlainCFloor.MissingReason); // gcc is part of the machine this suite is built on
        byte[] payload = new byte[bytes];
        Checksum.Fill(payload);
        byte[] reply = new byte[bytes];
        int pid;
        using (PlainCFloor floor = await Task.Run(() => Start(kind)).WaitAsync(Bound))
        {
            pid = floor.ProcessId;
            Assert.Empty(IpcLeftovers.Scan()); // the build and the socket's folder are gone before the first call
            for (int i = 0; i < 3; i++)
            {
                reply.AsSpan().Clear();
                await Task.Run(() => floor.Echo(payload, reply)).WaitAsync(Bound);
                Assert.True(reply.AsSpan().SequenceEqual(payload), $"echo {i} of {bytes} bytes came back different");
            }
        }

        Assert.Empty(await ProcessProbe.WaitAllDeadAsync([pid]));
        Assert.Empty(IpcLeftovers.Scan());
    }

    [Theory]
    [InlineData("pipe", 1 << 10)]
    [InlineData("pipe", 16 << 20)]
    [InlineData("socket", 16 << 20)]
    public async Task Echo_ChildKilled_FailsInOneIOExceptionThatSaysTheChildIsGone(string kind, int bytes)
    {
        using PlainCFloor floor = await Task.Run(() => Start(kind)).WaitAsync(Bound);
        floor.Kill();
        Assert.Empty(await ProcessProbe.WaitAllDeadAsync([floor.ProcessId]));

        Exception? ex = await Record.ExceptionAsync(() => Task.Run(() => floor.Echo(new byte[bytes], new byte[bytes])).WaitAsync(Bound));

        var io = Assert.IsType<IOException>(ex);
        Assert.Contains($"the plain-C echo of {bytes} bytes failed", io.Message, StringComparison.Ordinal);
        Assert.Contains("is gone", io.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FloorRows_AreFloorsOfTheirTransport_AndTheEchoRowsAreReadAgainstThem()
    {
        foreach ((string echo, string floor) in new[] { (nameof(IpcPayloadSweep.PipeEcho), nameof(IpcPayloadSweep.PlainCPipeEcho)), (nameof(IpcPayloadSweep.UnixSocketEcho), nameof(IpcPayloadSweep.PlainCSocketEcho)) })
        {
            MethodInfo echoMethod = typeof(IpcPayloadSweep).GetMethod(echo)!;
            MethodInfo floorMethod = typeof(IpcPayloadSweep).GetMethod(floor)!;
            Assert.Equal(floor, echoMethod.GetCustomAttribute<ComparedWithAttribute>()!.Method);
            Assert.NotNull(floorMethod.GetCustomAttribute<FloorAttribute>());
            Assert.NotNull(floorMethod.GetCustomAttribute<PlainCAttribute>());
            Assert.Equal(echoMethod.GetCustomAttribute<TransportAttribute>()!.Kind, floorMethod.GetCustomAttribute<TransportAttribute>()!.Kind);
            Assert.Equal(echoMethod.GetCustomAttribute<BytesMovedAttribute>()!.PayloadMultiple, floorMethod.GetCustomAttribute<BytesMovedAttribute>()!.PayloadMultiple);
        }
    }

    [Fact]
    public void ProblemWith_AMissingCompiler_SaysWhatToInstall()
    {
        Assert.Equal("no C compiler ('/nonexistent/cc') on the PATH; install gcc (or set CC) to measure the plain-C floor", PlainCFloor.ProblemWith("/nonexistent/cc"));
        Assert.Equal("the C compiler 'false' does not run; install gcc (or set CC) to measure the plain-C floor", PlainCFloor.ProblemWith("false"));
    }

    private static PlainCFloor Start(string kind) => kind == "pipe" ? PlainCFloor.StartPipe() : PlainCFloor.StartSocket(Bound);
}
