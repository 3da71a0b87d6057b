using ConcurrencyBench.Reporting.Statistics;

namespace ConcurrencyBench.Reporting.Analysis.Findings;

/// <summary>
/// Crossing to a cluster: a cluster row against the process pool of its group that runs as many items at once, where
/// the test can decide. On one machine the silos share its cores, so this is what distribution costs.
/// </summary>
/// <param name="Question">The question.</param>
/// <param name="Group">The group.</param>
/// <param name="Cluster">The cluster row.</param>
/// <param name="Pool">The pool row.</param>
/// <param name="Ratio">The cluster row's time over the pool's, with its interval.</param>
/// <param name="Verdict">The threshold test's verdict of the cluster row against the pool.</param>
/// <param name="ExistingCluster">Whether the silos were an existing cluster's, not started on this machine.</param>
internal sealed record ClusterCostFinding(QuestionResult Question, GroupResult Group, RowResult Cluster, RowResult Pool, Estimate Ratio, Separation Verdict, bool ExistingCluster)
    : GuideFinding(Question);
