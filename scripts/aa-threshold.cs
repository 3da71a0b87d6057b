#!/usr/bin/env -S dotnet run -c Release --file
#:project ../src/ConcurrencyBench.Reporting/ConcurrencyBench.Reporting.csproj
// compare's default threshold, from A/A runs (two or more runs of one build): for each threshold from 4% to 15%, how
// many rows compare flags (Faster or Slower, every class) between each ordered pair of the runs, and how many of the
// computing rows (PrimeChecks) it would call a regression if they were 15% slower in every trial of the current run.
// The default is the smallest threshold at which every pair flags at most one row and every 15% slowdown is caught.
// With --paired (two runs whose trials were measured interleaved, scripts/compare-builds.sh), the pairs are compared
// trial by trial, as the pull-request job compares them.
// Usage: dotnet run -c Release --file scripts/aa-threshold.cs -- [--paired] RUN1 RUN2 [RUN3 ...]
using System.Globalization;
using ConcurrencyBench.Reporting.Comparison;
using ConcurrencyBench.Reporting.Results;
using ConcurrencyBench.Reporting.Statistics;

bool paired = args.Length > 0 && args[0] == "--paired";
args = paired ? args[1..] : args;
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --file scripts/aa-threshold.cs -- [--paired] RUN1 RUN2 [RUN3 ...]");
    return 2;
}

RunResults[] runs;
try
{
    runs = [.. args.Select(a => RunResults.Load(a))];
}
catch (ResultsException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}

double alpha = runs[0].Run.Profile.SignificanceLevel;
Console.WriteLine("| Threshold | Rows flagged per ordered pair (every class) | Most | PrimeChecks rows 15% slower caught |");
Console.WriteLine("|---:|---|---:|---:|");
double? chosen = null;
foreach (double threshold in new double[] { 4, 5, 6, 7, 8, 10, 12, 15 })
{
    var settings = new StatisticsSettings(alpha, threshold);
    var flagged = new List<int>();
    int caught = 0, tried = 0;
    for (int b = 0; b < runs.Length; b++)
    {
        for (int c = 0; c < runs.Length; c++)
        {
            if (b == c)
            {
                continue;
            }

            RunComparison pair = RunComparison.Of(runs[b], runs[c], settings, GateScope.All, paired);
            flagged.Add(pair.Benchmarks.Count(x => x.Verdict is Separation.Slower or Separation.Faster));
            foreach (string id in runs[c].Measured.Where(m => m.Type == "PrimeChecks").Select(m => m.Id))
            {
                RunResults slower = RunResults.WithScaled(runs[c], id, 1.15);
                ComparedBenchmark row = RunComparison.Of(runs[b], slower, settings, GateScope.Strategies, paired).Benchmarks.Single(x => x.Id == id);
                tried++;
                caught += row.IsRegression(threshold) ? 1 : 0;
            }
        }
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {threshold}% | {string.Join(", ", flagged)} | {flagged.Max()} | {caught} of {tried} |"));
    if (chosen is null && flagged.Max() <= 1 && caught == tried)
    {
        chosen = threshold;
    }
}

Console.WriteLine();
Console.WriteLine(chosen is double t
    ? string.Create(CultureInfo.InvariantCulture, $"Smallest threshold with at most one row flagged per pair and every 15% slowdown caught: {t}%.")
    : "No threshold in the list flags at most one row per pair and catches every 15% slowdown.");
return 0;
