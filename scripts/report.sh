#!/usr/bin/env bash
# Rebuilds REPORT.md, its plots and the summary tables of a stored results folder from its run.json and full JSON
# exports, without running anything. Usage: scripts/report.sh [DIR] (default results/latest)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/ConcurrencyBench.Benchmarks" -- report "$@"
