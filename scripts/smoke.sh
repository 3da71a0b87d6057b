#!/usr/bin/env bash
# A short run of the whole suite (BenchmarkDotNet's Dry job: one cold invocation per benchmark) that then checks
# the reports: a Markdown and a CSV report per benchmark class, with a row for every benchmark method.
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
  for f in "$md" "$csv"; do
    [ -s "$f" ] || { echo "smoke: missing report $f"; fail=1; return; }
  done
  for m in "$@"; do
    grep -q "| $m " "$md" || { echo "smoke: $class Markdown report has no row for $m"; fail=1; }
    grep -q "^$m," "$csv" || { echo "smoke: $class CSV report has no row for $m"; fail=1; }
  done
}
strategies=(Sequential ThreadPerItem FixedThreads TaskWhenAll TaskRunPerItem ParallelForEach ParallelForEachAsync Plinq ProcessPerItem ProcessPool)
check IoAggregation "${strategies[@]}"
check PrimeChecks "${strategies[@]}"
check ProcessStartup Start_BinTrue Start_JitWorker Start_AotWorker StartAndWaitForExit_BinTrue StartHandshakeExit_JitWorker StartHandshakeExit_AotWorker RoundTrip_InProcess RoundTrip_PoolWorker
check IpcPayloadSweep InProcessCopy InProcessStreamingCopy PipeEcho UnixSocketEcho SharedMemoryHandOff SharedMemoryPipeSignal
check CopyVersusCompute Sequential ProcessPoolPipe ProcessPoolUnixSocket ProcessPoolSharedMemory
check SerializationFormats RawBytes SystemTextJson MemoryPack
for t in Pipe UnixSocket SharedMemory; do
  grep -q "^| $t |" "$out/crossover.md" 2>/dev/null || { echo "smoke: crossover.md has no row for $t"; fail=1; }
done
[ -s "$out/summary.md" ] && [ -s "$out/summary.csv" ] || { echo "smoke: summary.md or summary.csv missing"; fail=1; }
if [ "$fail" -ne 0 ]; then
  echo "smoke: FAILED (reports in $out)"
  exit 1
fi
echo "smoke: every report written, with a row for every benchmark ($out)"
