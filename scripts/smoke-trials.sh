#!/usr/bin/env bash
# A short trial run (BenchmarkDotNet's Dry job, three trials, a fixed seed) over two cheap classes, then checks what a
# trial run promises: run.json records the trials, the seed and each trial's order (every case once per trial, the
# orders not all alike), each class has one full JSON export with every case's trials as launches 1..3, and REPORT.md
# can be rebuilt from the folder alone.
# Usage: scripts/smoke-trials.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-$(mktemp -d)/smoke-trials}"
dotnet run -c Release --project bench/ConcurrencyBench.Benchmarks -- --job dry --trials 3 --seed 11 --no-cpython \
  --filter '*SerializationFormats*' '*ProcessStartup.RoundTrip_*' --out "$out"

fail=0
python3 - "$out" <<'PY' || fail=1
import glob, json, os, sys
out = sys.argv[1]
run = json.load(open(os.path.join(out, "run.json")))
trials = run.get("trials")
if not trials or trials["count"] != 3 or trials["seed"] != 11 or len(trials["orders"]) != 3:
    sys.exit("smoke-trials: run.json does not record 3 trials with seed 11")
ids = sorted(trials["orders"][0])
if any(sorted(o) != ids or len(set(o)) != len(o) for o in trials["orders"]) or len(ids) < 5:
    sys.exit("smoke-trials: a trial does not run every case exactly once")
if len({tuple(o) for o in trials["orders"]}) == 1:
    sys.exit("smoke-trials: every trial ran in the same order")
measured = {b["id"] for b in run["benchmarks"] if b["status"] == "Measured"}
if measured != set(ids):
    sys.exit("smoke-trials: run.json's measured cases are not the trials' cases")
seen = set()
for path in glob.glob(os.path.join(out, "*-report-full.json")):
    for b in json.load(open(path))["Benchmarks"]:
        launches = sorted({m["LaunchIndex"] for m in b["Measurements"] if m["IterationStage"] == "Result"})
        if launches != [1, 2, 3]:
            sys.exit(f"smoke-trials: {b['FullName']} has launches {launches}, not the trials 1..3")
        seen.add(b["FullName"])
if seen != set(ids):
    sys.exit("smoke-trials: the exports do not hold every case once")
PY
cp "$out/REPORT.md" "$out/REPORT.md.first"
if ! dotnet run -c Release --no-build --project bench/ConcurrencyBench.Benchmarks -- report "$out" > /dev/null \
  || ! cmp -s "$out/REPORT.md" "$out/REPORT.md.first"; then
  echo "smoke-trials: REPORT.md could not be rebuilt from the folder as the run wrote it"; fail=1
fi
grep -q "(3 launches)" "$out/REPORT.md" || { echo "smoke-trials: REPORT.md does not count the trials as launches"; fail=1; }
if [ "$fail" -ne 0 ]; then
  echo "smoke-trials: FAILED (reports in $out)"
  exit 1
fi
echo "smoke-trials: 3 trials in random orders, every case once per trial, exports and REPORT.md consistent ($out)"
