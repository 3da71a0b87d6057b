using System.Globalization;
using ConcurrencyBench.Reporting.Analysis.Findings;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Rules;

/// <summary>
/// Crossing to a cluster, in every question: each cluster row against the process pool of its group that runs as many
/// items at once, as a ratio of times with its interval, where the test can decide.
/// </summary>
internal sealed class ClusterCostRule : IGuideRule
{
    /// <inheritdoc/>
    public IEnumerable<GuideFinding> Find(RunAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.Questions.SelectMany(q => Find(q, analysis.Settings));
    }

    private static IEnumerable<ClusterCostFinding> Find(QuestionResult question, StatisticsSettings settings)
    {
        foreach (GroupResult group in question.Groups)
        {
            foreach (RowResult cluster in group.Rows.Where(r => r.IsMeasured && RowRoles.IsCluster(r.Record.Role)))
            {
                // Like for like: the pool that dispatches as the cluster does (one item in flight per worker, not a
                // pipelined one; or chunks against chunks), in list order, and that runs as many items at once (one
                // worker on one silo is Sequential's rival, not the pool's).
                string poolRole = cluster.Record.Role == RowRoles.ChunkedCluster ? RowRoles.ChunkedPool : RowRoles.Pool;
                RowResult? pool = group.Rows.FirstOrDefault(r => r.IsMeasured && r.Record.Role == poolRole && !r.Record.IsLargestFirst);
                if (pool is null || !RunsAsManyAtOnce(cluster.Record, pool.Record))
                {
                    continue;
                }

                TimeRatio versus = RowStatistics.Compare(cluster, pool, settings);
                if (versus.CanDecide)
                {
                    yield return new ClusterCostFinding(question, group, cluster, pool, versus.Ratio, versus.Verdict, cluster.Record.Facts?.Cluster?.Existing == true);
                }
            }
        }
    }

    // The same bound (K and K), or a fixed count equal to the pool's K.
    private static bool RunsAsManyAtOnce(BenchmarkRecord cluster, BenchmarkRecord pool) =>
        cluster.Workers == pool.Workers
        || (int.TryParse(cluster.Workers, NumberStyles.Integer, CultureInfo.InvariantCulture, out int workers) && pool.Inputs?.AtOnce == workers);
}
