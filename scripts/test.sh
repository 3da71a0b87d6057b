#!/usr/bin/env bash
# The README's test command: restores, builds and runs every test in Release.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec dotnet test Benchmarks.sln -c Release "$@"
