using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Tests.Reporting;

public sealed class SampleModesTests
{
    // The committed quick run's PrimeChecks rows (ms): the pool's first four samples took Sequential's time.
    private static readonly double[] PoolWithSlowGroup = [1472.5, 1475.3, 1466.9, 1467.9, 838.3, 846.8, 853.6, 882.6, 866.9, 849.7];
    private static readonly double[] Sequential = [1484.1, 1488.2, 1488.1, 1506.1, 1492.5, 1500.9, 1486.6, 1488.6];

    [Fact]
    public void MValue_SamplesInTwoGroups_MarksThemBimodal()
    {
        Assert.True(SampleModes.MValue(PoolWithSlowGroup) >= SampleModes.Bimodal);
        Assert.True(SampleModes.HasSeveralModes(PoolWithSlowGroup));
    }

    [Fact]
    public void MValue_SamplesInOneGroup_DoesNot()
    {
        Assert.InRange(SampleModes.MValue(Sequential)!.Value, 2, SampleModes.Bimodal - 0.01);
        Assert.False(SampleModes.HasSeveralModes(Sequential));
    }

    [Fact]
    public void HasSeveralModes_GroupsOnlyAFewPercentApart_AreNotMarked()
    {
        // Two tight groups 6% apart: a coarse histogram of ten values calls them bimodal; the spread rule does not.
        double[] close = [51.4, 51.5, 51.6, 51.5, 51.7, 54.6, 54.7, 54.8, 54.6, 54.7];

        Assert.True(SampleModes.MValue(close) >= SampleModes.Bimodal);
        Assert.False(SampleModes.HasSeveralModes(close));
    }

    [Fact]
    public void MValue_TooFewOrAllEqual_IsNull()
    {
        Assert.Null(SampleModes.MValue(PoolWithSlowGroup[..7]));
        Assert.Null(SampleModes.MValue([.. Enumerable.Repeat(5.0, 12)]));
        Assert.False(SampleModes.HasSeveralModes(PoolWithSlowGroup[..7]));
    }
}
