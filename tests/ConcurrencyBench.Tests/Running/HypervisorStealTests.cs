using ConcurrencyBench.Benchmarks.Running;

namespace ConcurrencyBench.Tests.Running;

public sealed class HypervisorStealTests
{
    [Fact]
    public void Parse_TheAggregateLine_SumsTheEightColumnsAndTakesSteal()
    {
        HypervisorSteal steal = HypervisorSteal.Parse("cpu  100 5 50 800 20 3 2 20 7 0")!.Value;

        Assert.Equal(1000, steal.TotalTicks); // guest (7) is inside user already
        Assert.Equal(20, steal.StealTicks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cpu0 1 2 3 4 5 6 7 8")]
    [InlineData("cpu  1 2 3 4 5 6 7")]
    [InlineData("cpu  1 2 3 x 5 6 7 8")]
    public void Parse_AnythingElse_IsNull(string? line) => Assert.Null(HypervisorSteal.Parse(line));

    [Fact]
    public void PercentBetween_TwoReadings_IsTheStealShareOfTheTicksBetweenThem()
    {
        var start = new HypervisorSteal(1000, 20);
        var end = new HypervisorSteal(3000, 320);

        Assert.Equal(15.0, HypervisorSteal.PercentBetween(start, end)!.Value, 9);
        Assert.Null(HypervisorSteal.PercentBetween(start, start));
        Assert.Null(HypervisorSteal.PercentBetween(null, end));
    }

    [Fact]
    public void Read_OnThisLinuxMachine_GivesCountersThatOnlyGrow()
    {
        HypervisorSteal first = HypervisorSteal.Read()!.Value;
        HypervisorSteal second = HypervisorSteal.Read()!.Value;

        Assert.True(second.TotalTicks >= first.TotalTicks);
        Assert.True(second.StealTicks >= first.StealTicks);
        Assert.True(first.StealTicks <= first.TotalTicks);
    }
}
