using ConcurrencyBench.Benchmarks.Running;

namespace ConcurrencyBench.Tests.Running;

public sealed class TrialScheduleTests
{
    [Fact]
    public void Orders_EveryTrialRunsEveryCaseOnce()
    {
        IReadOnlyList<IReadOnlyList<int>> orders = TrialSchedule.Orders(40, 5, 7);

        Assert.Equal(5, orders.Count);
        Assert.All(orders, o => Assert.Equal(Enumerable.Range(0, 40), o.Order()));
    }

    [Fact]
    public void Orders_TheSameSeedGivesTheSameOrders_AnotherSeedOthers()
    {
        Assert.Equal(TrialSchedule.Orders(30, 3, 42), TrialSchedule.Orders(30, 3, 42));
        Assert.NotEqual(TrialSchedule.Orders(30, 3, 42), TrialSchedule.Orders(30, 3, 43));
    }

    [Fact]
    public void Orders_EachTrialIsAFreshOrder()
    {
        IReadOnlyList<IReadOnlyList<int>> orders = TrialSchedule.Orders(30, 4, 1);

        Assert.Equal(4, orders.Select(o => string.Join(",", o)).Distinct().Count());
        Assert.NotEqual(Enumerable.Range(0, 30), orders[0]);
    }

    [Theory]
    [InlineData(new[] { "--trials", "3", "--seed", "-5" }, 3, -5)]
    [InlineData(new[] { "--trials=2" }, 2, null)]
    [InlineData(new string[0], 3, null)]
    [InlineData(new[] { "--profile", "full" }, 3, null)]
    [InlineData(new[] { "--profile", "full", "--trials", "1" }, 1, null)]
    public void Parse_TrialsAndSeed_AreTheSuitesOwn(string[] args, int trials, int? seed)
    {
        SuiteOptions options = SuiteOptions.Parse(args);

        Assert.Equal(trials, options.Trials);
        Assert.Equal(options.Profile.Trials, SuiteOptions.Parse([]).Trials);
        Assert.Equal(seed, options.Seed);
        Assert.Empty(options.BenchmarkDotNetArgs);
    }

    [Theory]
    [InlineData("--job", "dry")]
    [InlineData("-j", "short")]
    [InlineData("--job=dry", null)]
    public void Parse_JobOnTheCommandLine_ReplacesTheProfilesTrialsWithOne(string job, string? value)
    {
        SuiteOptions options = SuiteOptions.Parse(value is null ? [job] : [job, value]);

        Assert.Equal(1, options.Trials);
        Assert.Equal(1, SuiteOptions.Parse(["--in-process"]).Trials);
        Assert.Equal(2, SuiteOptions.Parse(value is null ? [job, "--trials", "2"] : [job, value, "--trials", "2"]).Trials);
    }

    [Theory]
    [InlineData("--trials", "0")]
    [InlineData("--trials", "101")]
    [InlineData("--trials", "two")]
    [InlineData("--seed", "1.5")]
    public void Parse_ImpossibleTrialsOrSeed_IsOneLineNamingTheOption(string option, string value)
    {
        UsageException ex = Assert.Throws<UsageException>(() => SuiteOptions.Parse([option, value]));

        Assert.StartsWith(option, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Parse_TrialsInProcess_IsRefused() =>
        Assert.Throws<UsageException>(() => SuiteOptions.Parse(["--trials", "3", "--in-process"]));
}
