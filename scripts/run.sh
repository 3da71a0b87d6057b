#!/usr/bin/env bash
# Runs the suite (the README's first command); options pass through: --profile quick|full, --out DIR, --filter ...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run -c Release --project "$root/bench/ConcurrencyBench.Benchmarks" -- "$@"
