#!/usr/bin/env bash
# A short run of the whole suite (BenchmarkDotNet's Dry job: one cold invocation per benchmark) that then checks
# the reports: a Markdown, a CSV and a full JSON report per benchmark class, with a row for every benchmark method;
# run.json with a validation record for every benchmark that ran; REPORT.md with a section per question; and that
# REPORT.md can be rebuilt from the folder alone.
# Usage: scripts/smoke.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-$(mktemp -d)/smoke}"
dotnet run -c Release --project bench/ConcurrencyBench.Benchmarks -- --job dry --out "$out"

fail=0
check() { # class, methods...
  local class="$1"; shift
  local md="$out/ConcurrencyBench.Benchmarks.$class-report-github.md"
  local csv="$out/ConcurrencyBench.Benchmarks.$class-report.csv"
  local json="$out/ConcurrencyBench.Benchmarks.$class-report-full.json"
  for f in "$md" "$csv" "$json"; do
    [ -s "$f" ] || { echo "smoke: missing report $f"; fail=1; return; }
  done
  for m in "$@"; do
    grep -q "| $m " "$md" || { echo "smoke: $class Markdown report has no row for $m"; fail=1; }
    grep -q "^$m," "$csv" || { echo "smoke: $class CSV report has no row for $m"; fail=1; }
  done
}
strategies=(Sequential ThreadPerItem FixedThreads TaskWhenAll TaskRunPerItem ParallelForEach ParallelForEachAsync Plinq ProcessPerItem ProcessPool)
check IoAggregation "${strategies[@]}" Cluster_2Silos
# The quick profile leaves PrimeChecks' ParallelForEachAsync, ProcessPool_Pipelined, ProcessPerItem and ClusterOneWorkerPerSilo_1Silo to the full profile, and the HTTP
# and file rows have no process rows (run.json says why).
in_process=(Sequential ThreadPerItem FixedThreads TaskWhenAll TaskRunPerItem ParallelForEach ParallelForEachAsync Plinq)
check PrimeChecks Sequential ThreadPerItem FixedThreads TaskWhenAll TaskRunPerItem ParallelForEach Plinq ProcessPool FixedThreads_LargestFirst Cluster_2Silos
check TaskGranularity Sequential TaskRunPerItem ParallelForEach ParallelForRanges_Sized ProcessPool ProcessPool_Chunked
check MixedWork Sequential FixedThreads TaskWhenAll TaskRunPerItem ParallelForEachAsync ChannelPipeline ComputeOnly
check HttpAggregation "${in_process[@]}"
check FileReads "${in_process[@]}"
check ThreadPoolStarvation TaskRunBlocking_DefaultMinimum TaskRunBlocking_RaisedMinimum Async_TaskWhenAll
check ProcessStartup Start_BinTrue Start_JitWorker Start_AotWorker StartAndWaitForExit_BinTrue StartHandshakeExit_JitWorker StartHandshakeExit_AotWorker RoundTrip_InProcess RoundTrip_PoolWorker RoundTrip_ClusterGrain
# SharedMemoryPipeSignal is a full-profile row; the plain-C floors need a C compiler (CI has gcc).
check IpcPayloadSweep InProcessCopy InProcessStreamingCopy InProcessCopyAndChecksum PipeEcho UnixSocketEcho PlainCPipeEcho PlainCSocketEcho SharedMemoryHandOff PipeOneWay UnixSocketOneWay SharedMemoryOneWay
check CopyVersusCompute Sequential ProcessPoolPipe ProcessPoolUnixSocket ProcessPoolSharedMemory
check SerializationFormats RawBytes SystemTextJson MemoryPack
for t in Pipe UnixSocket SharedMemory; do
  grep -q "^| $t |" "$out/crossover.md" 2>/dev/null || { echo "smoke: crossover.md has no row for $t"; fail=1; }
done
[ -s "$out/summary.md" ] && [ -s "$out/summary.csv" ] || { echo "smoke: summary.md or summary.csv missing"; fail=1; }
python3 - "$out/run.json" <<'PY' || fail=1
import json, sys
run = json.load(open(sys.argv[1]))
ran = [b for b in run["benchmarks"] if b["status"] != "Skipped"]
bad = [b["id"] for b in ran if b["status"] != "Measured" or not b.get("validation") or b["validation"]["checkedCalls"] + b["validation"]["checkedIterations"] == 0]
if not ran or bad:
    print("smoke: run.json: benchmarks without a measurement or a validation record: " + ", ".join(bad or ["(none ran)"]))
    sys.exit(1)
clusters = [b for b in ran if b["method"].startswith(("Cluster", "RoundTrip_Cluster"))]
lost = [b["id"] for b in clusters if not ((b.get("facts") or {}).get("cluster") or {}).get("itemsPerSilo") or sum(b["facts"]["cluster"]["itemsPerSilo"]) == 0]
if not clusters or lost:
    print("smoke: run.json: cluster rows without their silos' facts: " + ", ".join(lost or ["(no cluster row ran)"]))
    sys.exit(1)
# The cost over the process tree is read on Linux for every .NET row that ran (CPython's rows are not BenchmarkDotNet's).
uncosted = [b["id"] for b in ran if sys.platform.startswith("linux") and not b["id"].startswith("CPython.") and not ((b.get("facts") or {}).get("cost") or {}).get("cpuUserNanosecondsPerOperation")]
if uncosted:
    print("smoke: run.json: rows without their cost over the process tree: " + ", ".join(uncosted[:5]))
    sys.exit(1)
# ... and its context switches, which the benchmark process answers itself (getrusage, asked with SIGUSR2).
unswitched = [b["id"] for b in ran if sys.platform.startswith("linux") and not b["id"].startswith("CPython.") and not any(v is not None for v in (((b.get("facts") or {}).get("cost") or {}).get("voluntarySwitchesPerOperation") or []))]
if unswitched:
    print("smoke: run.json: rows without their context switches: " + ", ".join(unswitched[:5]))
    sys.exit(1)
skipped = [b for b in run["benchmarks"] if b["status"] == "Skipped" and not b.get("reason")]
if skipped:
    print("smoke: run.json: skipped benchmarks without a reason")
    sys.exit(1)
PY
for q in "## Waiting work" "## Computing work" "## Starting processes" "## Moving data" "## Serialization" "## Copy versus compute" "## Thread-pool starvation" "## Waiting work over HTTP" "## Reading files" "## Task granularity" "## Mixed work" "## Validation" "## The guide"; do
  grep -q "^$q" "$out/REPORT.md" 2>/dev/null || { echo "smoke: REPORT.md has no section '$q'"; fail=1; }
done
cp "$out/REPORT.md" "$out/REPORT.md.first"
if ! dotnet run -c Release --no-build --project bench/ConcurrencyBench.Benchmarks -- report "$out" > /dev/null; then
  echo "smoke: REPORT.md could not be rebuilt from the folder"; fail=1
elif ! cmp -s "$out/REPORT.md" "$out/REPORT.md.first"; then
  echo "smoke: REPORT.md rebuilt from the folder differs from the run's"; fail=1
fi
rm -f "$out/REPORT.md.first"
grep -q '^<details><summary>What each row cost beside its time' "$out/REPORT.md" || { echo "smoke: REPORT.md has no cost table"; fail=1; }
grep -q '^\*\*Cluster set-up\*\*' "$out/REPORT.md" || { echo "smoke: REPORT.md does not say how the cluster rows' silos started"; fail=1; }
if [ "$fail" -ne 0 ]; then
  echo "smoke: FAILED (reports in $out)"
  exit 1
fi
echo "smoke: every report written, with a row for every benchmark ($out)"
