#!/usr/bin/env python3
"""One run as points of a history: github-action-benchmark's custom formats, from a results folder.

Writes two files into OUT_DIR: times.json (customSmallerIsBetter: every measured row's median time per operation, in
ns, its 99% interval in "range" and "extra") and speedups.json (customBiggerIsBetter: every speedup over the row's
reference, with its interval). Each point's "extra" names the commit, the machine, the profile and the trials, so a
chart of the history says where each point came from. The names are the rows' ids (class, method, parameters),
which never change once published, so a point joins its series across runs.

Usage: scripts/history-entry.py RESULTS_DIR OUT_DIR
Standard library only. Exit 0 written, 2 bad input (one line).
"""
import csv
import json
import os
import sys


def fail(message):
    print(f"history-entry: {message}", file=sys.stderr)
    sys.exit(2)


def num(text):
    try:
        return float(text) if text not in ("", None) else None
    except ValueError:
        return None


def main(argv):
    if len(argv) != 3:
        fail("usage: history-entry.py RESULTS_DIR OUT_DIR")
    folder, out = argv[1], argv[2]
    try:
        with open(os.path.join(folder, "run.json"), encoding="utf-8") as f:
            run = json.load(f)
        with open(os.path.join(folder, "summary.csv"), newline="", encoding="utf-8") as f:
            rows = [r for r in csv.DictReader(f) if r.get("Status") == "Measured"]
    except (OSError, ValueError) as e:
        fail(f"{folder} is not a results folder the suite wrote ({e.__class__.__name__}: {e}): run the suite, or give its --out folder.")
    suite, machine, profile = run.get("suite") or {}, run.get("machine") or {}, run.get("profile") or {}
    trials = (run.get("trials") or {}).get("count", 1)
    where = (f"commit {str(suite.get('commit') or 'unknown')[:12]}; {machine.get('cpu', 'unknown')}, "
             f"{machine.get('logicalCores', '?')} cores; profile {profile.get('name', '?')}, {trials} trial(s)")
    times, speedups = [], []
    for r in rows:
        name = f"{r['Benchmark']}.{r['Method']}({r['Parameters']})"
        median, lo, hi = num(r["Median_ns"]), num(r["Median_ns_lower"]), num(r["Median_ns_upper"])
        if median is not None:
            times.append(point(name, "ns", median, lo, hi, where))
        s, slo, shi = num(r["Speedup"]), num(r["Speedup_lower"]), num(r["Speedup_upper"])
        if s is not None:
            speedups.append(point(name + f" vs {r['Reference']}", "x", s, slo, shi, where))
    if not times:
        fail(f"{folder} has no measured row: nothing to add to a history.")
    os.makedirs(out, exist_ok=True)
    for file, points in (("times.json", times), ("speedups.json", speedups)):
        path = os.path.join(out, file)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(points, f, indent=1)
        os.replace(tmp, path)
    print(f"history-entry: {len(times)} times and {len(speedups)} speedups written to {out}")


def point(name, unit, value, lower, upper, where):
    p = {"name": name, "unit": unit, "value": value, "extra": where}
    if lower is not None and upper is not None:
        p["range"] = f"{lower:.6g} to {upper:.6g}"
        p["extra"] = f"99% interval [{lower:.6g}, {upper:.6g}]; {where}"
    return p


if __name__ == "__main__":
    main(sys.argv)
