#!/usr/bin/env bash
# Compares two results folders and tells a regression from noise (exit 1 when a benchmark is significantly slower
# beyond the threshold, 2 for bad input); --merge puts several machines' runs in one table.
# Usage: scripts/compare.sh BASE CURRENT [--threshold 5%] [--out FILE]
#        scripts/compare.sh --merge A B [C ...] [--out FILE]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/ConcurrencyBench.Benchmarks" -- compare "$@"
