using System.Text.RegularExpressions;

namespace ConcurrencyBench.Reporting.Results;

/// <summary>
/// Checks a parsed run.json before anything reads it: the members every reader needs are there, ids are unique, names
/// that become file names are identifiers, numbers are finite and in range. A failure is one line naming the member.
/// </summary>
public static partial class RunRecordValidation
{
    /// <summary>Throws a <see cref="ResultsException"/> naming the first thing wrong with <paramref name="run"/>.</summary>
    /// <param name="run">The record as parsed.</param>
    /// <param name="path">The file it came from, for the message.</param>
    public static void Check(RunRecord run, string path)
    {
        ArgumentNullException.ThrowIfNull(run);
        ResultsException Fail(string what) => new($"{path}: {what}: the file is corrupt or was not written by this suite; run the suite again to rewrite it.");
        static bool Finite(double? v) => v is null || double.IsFinite(v.Value);

        if (run.Suite is null || run.Profile is null || run.Machine is null || run.Classes is null || run.Benchmarks is null)
        {
            throw Fail("suite, profile, machine, classes and benchmarks are required");
        }

        if (run.Profile!.Name is null || !(run.Profile.SignificanceLevel is > 0 and < 0.5) || !(run.Profile.ThresholdPercent is >= 0 and < 1000) || !double.IsFinite(run.Profile.IdealTimeBudgetSeconds))
        {
            throw Fail("the profile's name, significance level (between 0 and 0.5) or threshold (0 to 1000%) is missing or impossible");
        }

        if (run.Machine!.LogicalCores < 1 || run.Suite!.Name is null)
        {
            throw Fail("the machine's cores or the suite's name is missing");
        }

        if (!Finite(run.StealPercent) || (run.CoreScaling is { } scaling && (scaling.Speedups is null || scaling.Speedups.Any(s => !double.IsFinite(s)))))
        {
            throw Fail("a number of the run (steal, the cores' ceiling) is not finite");
        }

        if (run.Trials is { } trials && (trials.Count < 1 || trials.Orders is null || trials.Orders.Any(o => o is null)))
        {
            throw Fail("the trials have no orders");
        }

        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (ClassRecord? c in run.Classes!)
        {
            if (c is null || c.Type is null || !Identifier().IsMatch(c.Type) || c.Question is null)
            {
                throw Fail($"a class has no type, or a type that is not an identifier ({c?.Type})");
            }

            if (!types.Add(c!.Type) || !Finite(c.Seconds)
                || (c.IdealTime is { } ideal && (ideal.Model is null || ideal.Cores < 1 || (ideal.ItemCosts is { } costs && costs.Any(x => !double.IsFinite(x) || x < 0))))
                || (c.Granularity is { } g && (g.SizeParameter is null || !(g.TotalWork > 0) || !double.IsFinite(g.TotalWork))))
            {
                throw Fail($"class {c.Type} is listed twice or has an impossible ideal time, granularity or duration");
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (BenchmarkRecord? b in run.Benchmarks!)
        {
            if (b is null || b.Id is null || b.Type is null || !Identifier().IsMatch(b.Type) || b.Method is null || !Identifier().IsMatch(b.Method)
                || b.Parameters is null || b.Parameters.Any(p => p?.Name is null || p.Value is null) || b.Group is null || b.Categories is null)
            {
                throw Fail($"a benchmark lacks its id, type, method, parameters, group or categories, or its type or method is not an identifier ({b?.Id})");
            }

            if (!ids.Add(b!.Id))
            {
                throw Fail($"benchmark {b.Id} is listed twice");
            }

            if (!Finite(b.BytesPerOperation) || b.BytesPerOperation < 0
                || (b.Facts?.Cluster is { } cluster && (cluster.ItemsPerSilo is null || !double.IsFinite(cluster.TimeToReadySeconds)))
                || (b.Facts is { } f && (!Finite(f.BytesAllocatedPerOperation) || !Finite(f.CompletedWorkItemsPerOperation) || !Finite(f.LockContentionsPerOperation)))
                || (b.Facts?.Cost is { } cost && !PlausibleCost(cost)))
            {
                throw Fail($"benchmark {b.Id} has an impossible figure (bytes, facts)");
            }
        }
    }

    // One value per launch, at most as many launches as a run can have, each finite and not negative.
    private static bool PlausibleCost(CostRecord cost) =>
        cost.CpuUserNanosecondsPerOperation is { Count: <= MaxLaunches } user
        && cost.CpuSystemNanosecondsPerOperation is { Count: <= MaxLaunches } system
        && user.Count == system.Count
        && (cost.PeakResidentBytes is null || cost.PeakResidentBytes.Count == user.Count)
        && (cost.CpuTicks is null || cost.CpuTicks.Count == user.Count)
        && (cost.VoluntarySwitchesPerOperation is null || cost.VoluntarySwitchesPerOperation.Count == user.Count)
        && (cost.InvoluntarySwitchesPerOperation is null || cost.InvoluntarySwitchesPerOperation.Count == user.Count)
        && user.Concat(system).Concat(cost.PeakResidentBytes ?? []).Concat(cost.CpuTicks ?? [])
            .Concat(cost.VoluntarySwitchesPerOperation ?? []).Concat(cost.InvoluntarySwitchesPerOperation ?? [])
            .All(v => v is null || (double.IsFinite(v.Value) && v >= 0));

    // The most launches a cost record may list: the trials a run may have.
    private const int MaxLaunches = 1000;

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex Identifier();
}
