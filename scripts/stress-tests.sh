#!/usr/bin/env bash
# Runs the whole test suite N times in a row (default 20) while a CPU-heavy process keeps one core busy beside it,
# and prints one line per run and a total: the check that no test depends on a quiet machine or on luck.
# Usage: scripts/stress-tests.sh [N]
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-20}"
dotnet build Benchmarks.sln -c Release > /dev/null || { echo "stress: the build failed"; exit 2; }
python3 -c 'while True: pass' &
hog=$!
trap 'kill $hog 2>/dev/null' EXIT
passed=0
for i in $(seq 1 "$runs"); do
  log="$(mktemp)"
  start=$(date +%s)
  if dotnet test Benchmarks.sln -c Release --no-build > "$log" 2>&1; then
    passed=$((passed + 1)); verdict="passed"
  else
    kept="${TMPDIR:-/tmp}/stress-run-$i.log"
    cp "$log" "$kept"
    verdict="FAILED: $(grep -E '^\s+Failed ' "$log" | head -3 | tr -s ' ' | tr '\n' ';') (its log: $kept)"
  fi
  echo "stress run $i/$runs: $verdict ($(grep -Eo 'Passed: +[0-9]+' "$log" | tail -1), $(( $(date +%s) - start )) s, load beside it)"
  rm -f "$log"
done
echo "stress: $passed of $runs runs passed"
[ "$passed" -eq "$runs" ]
