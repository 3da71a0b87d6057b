#!/usr/bin/env bash
# Measures two builds interleaved, trial by trial, on this machine, and compares them: the base and the head each run
# one trial at a time (every selected case once, in its own launch, in a random order), alternating A B B A A B ...,
# so that a slow minute of the machine falls on both builds instead of on one of them. Each side's trials are then
# joined into one run (join-trials) and the two runs compared trial by trial (compare --paired).
#
# Usage: scripts/compare-builds.sh BASE_DIR HEAD_DIR OUT_DIR [--trials N] [--seed S] [--threshold T%] [--head-arg ARG]... [-- SUITE_ARGS...]
#   BASE_DIR, HEAD_DIR  checkouts of the two builds (for example a git worktree of the base branch, and this checkout)
#   OUT_DIR             gets base/trial-K and head/trial-K (each trial's run), base/joined and head/joined, compare.md
#   --trials N          trials per build (default 3); --seed S the first trial's seed (default: drawn)
#   --head-arg ARG      an argument for the head's suite only (repeatable): one build against itself with and without
#                       an option, for example --head-arg --no-cost (does reading the costs change the times?)
#   SUITE_ARGS          passed to both suites (for example --filter '*PrimeChecks*'); --no-cpython is always passed
# Exit: compare's (0 no regression, 1 a regression); 2 when a side cannot be measured or compared, with its reason.
set -uo pipefail
usage() { echo "usage: scripts/compare-builds.sh BASE_DIR HEAD_DIR OUT_DIR [--trials N] [--seed S] [--threshold T%] [--head-arg ARG]... [-- SUITE_ARGS...]" >&2; exit 2; }
[ $# -ge 3 ] || usage
base="$(cd "$1" 2>/dev/null && pwd)" || { echo "error: no base checkout at $1: give a checkout of the base build." >&2; exit 2; }
head="$(cd "$2" 2>/dev/null && pwd)" || { echo "error: no head checkout at $2: give a checkout of the head build." >&2; exit 2; }
out="$3"
shift 3
trials=3
seed=$(( (RANDOM << 15) | RANDOM ))
threshold=()
head_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --trials) [[ "${2:-}" =~ ^[1-9][0-9]?$ ]] || { echo "error: --trials '${2:-}' is not a whole number from 1 to 99." >&2; exit 2; }; trials="$2"; shift 2 ;;
    --seed) [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "error: --seed '${2:-}' is not a whole number." >&2; exit 2; }; seed="$2"; shift 2 ;;
    --threshold) threshold=(--threshold "${2:-}"); shift 2 ;;
    --head-arg) [ $# -ge 2 ] || { echo "error: --head-arg needs a value: --head-arg ARG." >&2; exit 2; }; head_args+=("$2"); shift 2 ;;
    --) shift; break ;;
    *) echo "error: unknown option '$1'." >&2; usage ;;
  esac
done
[ "$trials" -ge 2 ] || { echo "error: an interleaved comparison needs 2 trials or more a side: use --trials 2 or more." >&2; exit 2; }
mkdir -p "$out" || { echo "error: cannot create $out: choose a writable folder." >&2; exit 2; }
out="$(cd "$out" && pwd)"

for side in base head; do
  dir="$base"; [ "$side" = head ] && dir="$head"
  echo "=== building the $side ($dir)"
  if ! dotnet build "$dir/Benchmarks.sln" -c Release > "$out/$side-build.log" 2>&1; then
    echo "error: the $side build failed (its log: $out/$side-build.log): the two builds cannot be compared." >&2
    exit 2
  fi
done

run_trial() { # side trial seed
  local side="$1" t="$2" s="$3" dir="$base" extra=()
  [ "$side" = head ] && dir="$head" && extra=("${head_args[@]}")
  echo "=== trial $t of $trials: $side (seed $s)"
  # Each trial is a run of its own (the suite's trial path: --trials 1 with a seed, its cases in a random order).
  if ! (cd "$dir" && dotnet "bench/ConcurrencyBench.Benchmarks/bin/Release/net10.0/ConcurrencyBench.Benchmarks.dll" \
      --trials 1 --seed "$s" --no-cpython --out "$out/$side/trial-$t" "${extra[@]}" "$@") > "$out/$side-trial-$t.log" 2>&1; then
    echo "error: the $side's trial $t failed (its log: $out/$side-trial-$t.log; a base that predates trials cannot take --trials and --seed): the two builds cannot be compared." >&2
    exit 2
  fi
}

for t in $(seq 1 "$trials"); do
  s=$((seed + t))
  # A B, B A, A B, ...: each build goes first in half the trials, so a drift within a trial falls on both.
  if [ $((t % 2)) -eq 1 ]; then order=(base head); else order=(head base); fi
  for side in "${order[@]}"; do run_trial "$side" "$t" "$s" "$@"; done
done

# Each side's trials joined as one run, by the head's build (the base's may predate join-trials).
for side in base head; do
  runs=()
  for t in $(seq 1 "$trials"); do runs+=("$out/$side/trial-$t"); done
  rm -rf "$out/$side/joined"
  (cd "$head" && dotnet "bench/ConcurrencyBench.Benchmarks/bin/Release/net10.0/ConcurrencyBench.Benchmarks.dll" join-trials "$out/$side/joined" "${runs[@]}") > /dev/null \
    || { echo "error: the $side's trials could not be joined: the two builds cannot be compared." >&2; exit 2; }
done

dotnet "$head/bench/ConcurrencyBench.Benchmarks/bin/Release/net10.0/ConcurrencyBench.Benchmarks.dll" compare \
  "$out/base/joined" "$out/head/joined" --paired "${threshold[@]}" --out "$out/compare.md" > /dev/null
code=$?
case $code in
  0) echo "compare-builds: no regression; $out/compare.md" ;;
  1) echo "compare-builds: a regression; $out/compare.md" ;;
  *) echo "error: the joined runs could not be compared (see the line above)." >&2; exit 2 ;;
esac
exit $code
