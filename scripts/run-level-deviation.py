#!/usr/bin/env python3
"""How much do figures move from one run to the next beyond what their trial intervals say? (TrialEstimate.RunLevelDeviation)

Reads three or more results folders of one build (back-to-back runs; summary.csv each) and, class by class, for every
row with a headline figure and interval in every run (the figure run-to-run.py reads), takes the variance of the runs'
log estimates less the mean squared standard error their 99% intervals imply (half-width on the log scale / 2.576):
what varies between runs beyond the trials. Prints, per class, the square root of that excess (mean over the rows and
median over the rows; 0 where the intervals already cover the spread) and the same over every row.

Usage: scripts/run-level-deviation.py RUN1 RUN2 RUN3 [...]
Standard library only. Exit 0, or 2 for bad input.
"""
import importlib.util
import math
import os
import statistics
import sys


def main(folders):
    if len(folders) < 3:
        print("run-level-deviation: give three results folders or more (runs of one build).", file=sys.stderr)
        return 2
    for folder in folders:
        if not os.path.isfile(os.path.join(folder, "summary.csv")):
            print(f"run-level-deviation: {folder} has no summary.csv: give folders the suite wrote.", file=sys.stderr)
            return 2
    spec = importlib.util.spec_from_file_location("run_to_run", os.path.join(os.path.dirname(os.path.abspath(__file__)), "run-to-run.py"))
    rr = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rr)
    runs = [rr.load(f) for f in folders]
    keys = set(runs[0]).intersection(*runs[1:])
    by_class = {}
    for key in sorted(keys):
        figures = [rr.figure(run[key]) for run in runs]
        if any(f is None or None in f[1:] or f[1] <= 0 or f[2] <= 0 for f in figures):
            continue
        logs = [math.log(f[1]) for f in figures]
        errors = [(math.log(f[3]) - math.log(f[2])) / 2 / 2.576 for f in figures]
        by_class.setdefault(key[0], []).append(statistics.variance(logs) - statistics.mean(e * e for e in errors))

    def sd(v):
        return f"{math.sqrt(max(v, 0)) * 100:.2f}%"

    print("| Class | rows | between runs, beyond the trials (mean) | (median) |")
    print("|---|---:|---:|---:|")
    for name, excess in sorted(by_class.items()):
        print(f"| {name} | {len(excess)} | {sd(statistics.mean(excess))} | {sd(statistics.median(excess))} |")
    every = [v for excess in by_class.values() for v in excess]
    if every:
        print(f"| every row | {len(every)} | {sd(statistics.mean(every))} | {sd(statistics.median(every))} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
