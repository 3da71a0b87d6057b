namespace ConcurrencyBench.Reporting.Statistics;

/// <summary>
/// How the rows of one class vary between the trials of one run: the priors that a row's trial-level intervals are
/// moderated toward (<see cref="TrialEstimate"/>).
/// </summary>
/// <param name="Time">The prior for a row's time (its launch medians, by trial).</param>
/// <param name="Ratio">The prior for a row's time over another row's of the class, trial by trial (fitted to every row's
/// ratio to its reference).</param>
public sealed record TrialNoise(TrialVariancePrior Time, TrialVariancePrior Ratio);
