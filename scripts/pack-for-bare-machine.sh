#!/usr/bin/env bash
# Packs the suite for a Linux x64 machine that has no .NET SDK (and no network): the published suite, the .NET
# runtime it runs on (taken from this machine's dotnet root) and the NativeAOT worker, in one tar.xz. Unpack and run
# it there with scripts/run-packed.sh, which passes --in-process (BenchmarkDotNet cannot build its child process
# without an SDK). Usage: scripts/pack-for-bare-machine.sh [PACK] (default artifacts/bare-machine.tar.xz).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pack="$(realpath -m "${1:-$root/artifacts/bare-machine.tar.xz}")"
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
runtime="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" && $2 ~ /^10\./ { v = $2 } END { print v }')"
[[ -n "$runtime" ]] || { echo "error: no .NET 10 runtime found under $dotnet_root" >&2; exit 2; }
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
"$root/scripts/publish-worker-aot.sh" --nologo >/dev/null
dotnet publish "$root/bench/ConcurrencyBench.Benchmarks" -c Release -r linux-x64 --self-contained false --nologo -o "$stage/bench" >/dev/null
rm -f "$stage"/bench/*.pdb "$stage"/bench/*.xml
mkdir -p "$stage/dotnet/shared/Microsoft.NETCore.App" "$stage/dotnet/host" "$stage/aot"
cp "$dotnet_root/dotnet" "$stage/dotnet/"
cp -r "$dotnet_root/host/fxr" "$stage/dotnet/host/"
cp -r "$dotnet_root/shared/Microsoft.NETCore.App/$runtime" "$stage/dotnet/shared/Microsoft.NETCore.App/"
cp "$root/artifacts/worker-aot/ConcurrencyBench.Worker" "$stage/aot/"
git -C "$root" rev-parse --short=12 HEAD > "$stage/bench/COMMIT" 2>/dev/null || true
# The pack's marker: its commit, and "the parts are here" (RepositoryRoot does not search above a pack).
cp "$stage/bench/COMMIT" "$stage/bench/ConcurrencyBench.pack" 2>/dev/null || echo unknown > "$stage/bench/ConcurrencyBench.pack"
mkdir -p "$(dirname "$pack")"
tar cf - -C "$stage" dotnet bench aot | xz -T0 -6 > "$pack.tmp" && mv "$pack.tmp" "$pack"
echo "packed: $pack ($(du -h "$pack" | cut -f1); .NET $runtime)"
