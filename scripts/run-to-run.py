#!/usr/bin/env python3
"""Does the same build give the same answer twice? Issue 23's run-to-run checks over back-to-back runs.

Reads summary.csv of each results folder (two or more runs of one build) and prints a Markdown report:
- run-to-run: for the rows the issue names (every PrimeChecks speedup; IoAggregation's efficiencies at N=5 and N=100;
  TaskGranularity's speedups at its largest items; every IpcPayloadSweep ratio to its in-process floor at 1 MiB and
  64 MiB), the point estimate of each run and max/min over the runs (target: at most 1.10); and every row whose verdict
  is Faster in one run and Slower in another (target: none);
- decisive: in each run, every in-process PrimeChecks row but TaskWhenAll Faster than Sequential, TaskWhenAll not
  separated, and the median half-width of the PrimeChecks speedup intervals (target: at most 5% of the estimate);
- calibrated: over every row with an interval (speedup, efficiency or ratio to the floor) in every run, the share of
  (row, run, other run) where the run's interval contains the other run's point estimate (target: at least 90%).

Usage: scripts/run-to-run.py RUN1 RUN2 [RUN3 ...] [--out FILE]
Standard library only. Exit 0 when every target is met, 1 when one is not, 2 for bad input.
"""
import csv
import os
import statistics
import sys

IN_PROCESS = ["ThreadPerItem", "FixedThreads", "FixedThreads_LargestFirst", "TaskRunPerItem", "ParallelForEach",
              "ParallelForEach_LargestFirst", "ParallelForEachAsync", "Plinq", "Plinq_LargestFirst"]


def fail(message):
    print(f"run-to-run: {message}", file=sys.stderr)
    sys.exit(2)


def num(text):
    try:
        return float(text) if text not in ("", None) else None
    except ValueError:
        return None


def load(folder):
    path = os.path.join(folder, "summary.csv")
    if not os.path.isfile(path):
        fail(f"{path} does not exist: give folders the suite wrote.")
    rows = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if r["Status"] != "Measured":
                continue
            rows[(r["Benchmark"], r["Method"], r["Parameters"])] = r
    return rows


def figure(row):
    """The row's headline figure with its interval: efficiency for waiting work, else the speedup or ratio to the floor."""
    if row["Benchmark"] in ("IoAggregation", "HttpAggregation") and num(row["Efficiency"]) is not None and row["Reference"]:
        return "efficiency", num(row["Efficiency"]), num(row["Efficiency_lower"]), num(row["Efficiency_upper"])
    if num(row["Speedup"]) is not None:
        return "speedup" if row["Benchmark"] != "IpcPayloadSweep" else "of the floor", num(row["Speedup"]), num(row["Speedup_lower"]), num(row["Speedup_upper"])
    return None


def named(key, runs):
    cls, method, params = key
    if cls == "PrimeChecks":
        return True
    if cls == "IoAggregation":
        return params.startswith("N=5,") or params.startswith("N=100,")
    if cls == "TaskGranularity":
        sizes = {int(k[2].split(",")[0].split("=")[1]) for r in runs for k in r if k[0] == "TaskGranularity"}
        return int(params.split(",")[0].split("=")[1]) == max(sizes)
    if cls == "IpcPayloadSweep":
        return params in ("PayloadBytes=1048576", "PayloadBytes=67108864")
    return False


def main(argv):
    out = None
    if "--out" in argv:
        i = argv.index("--out")
        if i + 1 >= len(argv):
            fail("--out needs a file.")
        out = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    if len(argv) < 2:
        fail("give two results folders or more: scripts/run-to-run.py RUN1 RUN2 [RUN3 ...] [--out FILE]")
    runs = [load(f) for f in argv]
    names = [os.path.basename(os.path.normpath(f)) for f in argv]
    common = [k for k in runs[0] if all(k in r for r in runs[1:])]
    lines = [f"# Run to run: {', '.join(names)}", ""]
    ok = True

    # Run-to-run spread of the named rows.
    lines += ["## The named rows, run by run (target: max/min at most 1.10)", "",
              "| Row | Figure | " + " | ".join(names) + " | max/min |", "|---|---|" + "---:|" * (len(names) + 1)]
    worst = 0
    over = 0
    for key in common:
        if not named(key, runs):
            continue
        figs = [figure(r[key]) for r in runs]
        if any(f is None or f[1] is None or f[1] <= 0 for f in figs):
            continue
        values = [f[1] for f in figs]
        spread = max(values) / min(values)
        worst = max(worst, spread)
        over += spread > 1.10
        cells = " | ".join(f"{f[1]:.3g} [{f[2]:.3g}, {f[3]:.3g}]" if f[2] is not None else f"{f[1]:.3g}" for f in figs)
        lines.append(f"| {key[0]}.{key[1]}({key[2]}) | {figs[0][0]} | {cells} | {'**' if spread > 1.10 else ''}{spread:.3f}{'**' if spread > 1.10 else ''} |")
    lines += ["", f"Largest max/min: {worst:.3f}; rows over 1.10: {over}.", ""]
    ok &= over == 0

    flips = [k for k in common if {r[k]["Verdict"] for r in runs} >= {"Faster", "Slower"}]
    lines += [f"Rows Faster in one run and Slower in another (target: none): {len(flips)}"
              + ("" if not flips else ": " + ", ".join(f"{k[0]}.{k[1]}({k[2]})" for k in flips)), ""]
    ok &= not flips

    # Decisive: PrimeChecks.
    lines += ["## PrimeChecks, decisive (target: every in-process row but TaskWhenAll Faster, TaskWhenAll not separated, median half-width at most 5%)", "",
              "| Run | Not Faster (in-process) | TaskWhenAll | Median half-width |", "|---|---|---|---:|"]
    for name, r in zip(names, runs):
        prime = {k[1]: v for k, v in r.items() if k[0] == "PrimeChecks"}
        not_faster = [m for m in IN_PROCESS if m in prime and prime[m]["Verdict"] != "Faster"]
        twa = prime.get("TaskWhenAll", {}).get("Verdict", "absent")
        widths = [(num(v["Speedup_upper"]) - num(v["Speedup_lower"])) / 2 / num(v["Speedup"])
                  for v in prime.values() if num(v["Speedup"]) and num(v["Speedup_lower"]) is not None and num(v["Speedup_upper"]) is not None]
        median = statistics.median(widths) if widths else float("nan")
        ok &= not not_faster and twa == "NotSeparated" and median <= 0.05
        lines.append(f"| {name} | {', '.join(not_faster) or 'none'} | {twa} | {median:.1%} |")
    lines.append("")

    # Calibrated: does a run's interval hold another run's point estimate?
    held = total = 0
    missed = []
    for key in common:
        figs = [figure(r[key]) for r in runs]
        if any(f is None or f[1] is None or f[2] is None or f[3] is None for f in figs):
            continue
        for i, fi in enumerate(figs):
            for j, fj in enumerate(figs):
                if i == j:
                    continue
                total += 1
                if fi[2] <= fj[1] <= fi[3]:
                    held += 1
                else:
                    missed.append(f"{key[0]}.{key[1]}({key[2]}): {names[j]} {fj[1]:.3g} outside {names[i]} [{fi[2]:.3g}, {fi[3]:.3g}]")
    share = held / total if total else float("nan")
    ok &= total > 0 and share >= 0.90
    lines += ["## Calibrated (target: at least 90%)", "",
              f"A run's 99% interval holds another run's point estimate in {held} of {total} (row, run, other run) = {share:.1%}.", ""]
    if missed:
        lines += ["<details><summary>The misses</summary>", ""] + [f"- {m}" for m in missed] + ["", "</details>", ""]
    lines.append(f"**Every target met: {'yes' if ok else 'no'}.**")
    text = "\n".join(lines) + "\n"
    if out:
        with open(out, "w") as f:
            f.write(text)
    sys.stdout.write(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
