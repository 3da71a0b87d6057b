#!/usr/bin/env python3
"""Where a trial run's variance lives: within a launch, or between trials.

Reads a results folder written with --trials N (run.json and the full JSON exports) and prints, per row, a Markdown
table: samples per launch; the spread inside a launch (the median over trials of each launch's robust standard
deviation of log times, from the median absolute deviation); the spread of the trials' medians (standard deviation of
their logs); what the inside spread alone predicts for a launch median (1.2533 * sd / sqrt(n), the median's standard
error); their ratio (1: the trials differ only as their samples do; far above 1: each launch has its own level, and
more samples inside a launch cannot narrow the interval, only more trials can); and the row's speedup over its
baseline trial by trial (max/min over the trials), the figure a run-to-run target is set on.

Usage: scripts/trials-dimensioning.py RESULTS_DIR [--out FILE]
Standard library only.
"""
import glob
import json
import math
import os
import statistics
import sys


def fail(message):
    print(f"trials-dimensioning: {message}", file=sys.stderr)
    sys.exit(2)


def load(folder):
    try:
        run = json.load(open(os.path.join(folder, "run.json")))
    except (OSError, ValueError) as e:
        fail(f"cannot read {folder}/run.json ({e}): give a results folder of a run with --trials")
    if not run.get("trials"):
        fail(f"{folder} is not a trial run (run.json has no trials): run the suite with --trials N")
    samples = {}
    for path in sorted(glob.glob(os.path.join(folder, "*-report-full.json"))):
        for b in json.load(open(path))["Benchmarks"]:
            per = {}
            for m in b["Measurements"]:
                if m["IterationMode"] == "Workload" and m["IterationStage"] == "Result" and m["Operations"] > 0 and m["Nanoseconds"] > 0:
                    per.setdefault(m["LaunchIndex"], []).append(m["Nanoseconds"] / m["Operations"])
            samples[b["FullName"]] = per
    return run, samples


def robust_sd(logs):
    med = statistics.median(logs)
    return 1.4826 * statistics.median(abs(x - med) for x in logs)


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        fail("usage: scripts/trials-dimensioning.py RESULTS_DIR [--out FILE]")
    folder = args[0]
    out = args[args.index("--out") + 1] if "--out" in args and args.index("--out") + 1 < len(args) else None
    run, samples = load(folder)
    records = {b["id"]: b for b in run["benchmarks"] if b["status"] == "Measured"}
    baseline = {(b["type"], b["group"]): b["id"] for b in records.values() if b.get("isBaseline")}
    lines = [
        f"Trials: {run['trials']['count']} (seed {run['trials']['seed']}); steal {run.get('stealPercent', 'not measured')}%.",
        "",
        "| Row | n per launch | sd inside a launch (log) | sd of trial medians (log) | predicted from inside | between / predicted | speedup per trial (min-max) | max/min |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    ratios = []
    for rid, rec in records.items():
        per = samples.get(rid)
        if not per or len(per) < 2:
            continue
        launches = [sorted(v) for _, v in sorted(per.items())]
        inside = statistics.median(robust_sd([math.log(x) for x in l]) for l in launches if len(l) >= 3) if any(len(l) >= 3 for l in launches) else float("nan")
        n = statistics.median(len(l) for l in launches)
        medians = [statistics.median(l) for l in launches]
        between = statistics.stdev(math.log(m) for m in medians)
        predicted = 1.2533 * inside / math.sqrt(n) if inside == inside and n > 0 else float("nan")
        ratio = between / predicted if predicted and predicted == predicted and predicted > 0 else float("nan")
        if ratio == ratio:
            ratios.append(ratio)
        speedups = ""
        spread = ""
        base = baseline.get((rec["type"], rec["group"]))
        if base and base != rid and base in samples and set(samples[base]) >= set(per):
            s = [statistics.median(samples[base][t]) / statistics.median(per[t]) for t in sorted(per)]
            speedups = f"{min(s):.3g}-{max(s):.3g}"
            spread = f"{max(s) / min(s):.3f}"
        name = f"{rec['type']}.{rec['method']}" + (f" ({rec['group']})" if rec.get("group") else "")
        lines.append(f"| {name} | {n:g} | {inside:.4f} | {between:.4f} | {predicted:.4f} | {ratio:.2f} | {speedups} | {spread} |")
    if ratios:
        lines += ["", f"Median of between / predicted over {len(ratios)} rows: {statistics.median(ratios):.2f} (quartiles {statistics.quantiles(ratios, n=4)[0]:.2f} and {statistics.quantiles(ratios, n=4)[2]:.2f})."]
    text = "\n".join(lines) + "\n"
    if out:
        with open(out, "w") as f:
            f.write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
