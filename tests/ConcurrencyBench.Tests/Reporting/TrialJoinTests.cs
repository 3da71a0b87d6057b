using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Tests.Reporting;

/// <summary>join-trials: runs of one build, measured one trial at a time, read back as the trials of one run.</summary>
public sealed class TrialJoinTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("trial-join-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public void Join_ThreeOneTrialRuns_GivesOneRunWhoseLaunchesAreTheTrialsInOrder()
    {
        string[] runs = [Run("t1", 100), Run("t2", 130), Run("t3", 110)];
        string joined = Path.Combine(_temp, "joined");

        IReadOnlyList<string> written = TrialJoin.Join(joined, runs);

        RunResults result = RunResults.Load(joined);
        Assert.Contains(Path.Combine(joined, RunResults.RunFileName), written);
        Assert.Equal(3, result.Run.Trials!.Count);
        Assert.Equal(["t1", "t2", "t3"], result.Run.Trials.JoinedFrom);
        Assert.All(result.Run.Trials.Orders, o => Assert.Equal(["PrimeChecks.Plinq()", "PrimeChecks.Sequential()"], o));
        MeasuredBenchmark plinq = Assert.Single(result.Measured, m => m.Method == "Plinq");
        Assert.True(plinq.LaunchesAreTrials);
        Assert.Equal([100.0, 130.0, 110.0], plinq.Launches.Select(l => Math.Round(l.Order().ElementAt(l.Count / 2))));
        Assert.Equal(10.0 * 3, result.Run.Classes.Single().Seconds);
    }

    [Fact]
    public void Join_RunsOfAnotherCommit_IsRefusedAndWritesNothing()
    {
        string a = Run("a", 100);
        string b = Run("b", 100);
        RunRecord other = RunResults.Load(b).Run;
        RunResults.WriteRun(b, other with { Suite = other.Suite with { Commit = "fedcba9876543210" } });
        string joined = Path.Combine(_temp, "joined");

        ResultsException refused = Assert.Throws<ResultsException>(() => TrialJoin.Join(joined, [a, b]));

        Assert.Contains("join only trials of one build", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(joined));
    }

    [Fact]
    public void Join_IntoOneOfItsRuns_IsRefused()
    {
        string a = Run("a", 100);
        string b = Run("b", 100);

        Assert.Throws<ResultsException>(() => TrialJoin.Join(a, [a, b]));
        Assert.Throws<ResultsException>(() => TrialJoin.Join(a, []));
    }

    // A one-pass run of two rows written as the suite writes one: Plinq around `plinq` ns, Sequential around 200 ns.
    private string Run(string name, double plinq) =>
        new FakeRun()
            .Class("PrimeChecks", QuestionKind.StrategyComparison)
            .Row("PrimeChecks", "Plinq", FakeRun.Around(plinq, 5))
            .Row("PrimeChecks", "Sequential", FakeRun.Around(200, 5), baseline: true)
            .WriteTo(Path.Combine(_temp, name));
}
