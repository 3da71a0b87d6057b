#!/usr/bin/env bash
# Runs the suite from a pack made by scripts/pack-for-bare-machine.sh, on a machine with no .NET SDK: unpacks it,
# runs the benchmarks in process (--in-process) and writes each run's results folder, tarred, into OUTDIR, with the
# machine's description and /proc/stat before and after (for the hypervisor's steal time).
# Usage: scripts/run-packed.sh PACK OUTDIR NAME SECONDS [SUITE OPTIONS...]; e.g.
#   scripts/run-packed.sh pack.tar.xz /tmp/out granularity 300 --profile quick --filter '*TaskGranularity*'
# SECONDS bounds the run (it is then interrupted like Ctrl+C and its folder has what finished).
# Each run unpacks the pack it is given into a fresh owner-only folder (mktemp -d) and removes it at the end: a folder
# someone else made, or the files of an earlier pack, are never run.
set -uo pipefail
[[ $# -ge 4 ]] || { echo "usage: scripts/run-packed.sh PACK OUTDIR NAME SECONDS [SUITE OPTIONS...]" >&2; exit 2; }
pack=$1 outdir=$2 name=$3 budget=$4; shift 4
[[ -f "$pack" ]] || { echo "error: no pack at $pack: make one with scripts/pack-for-bare-machine.sh." >&2; exit 2; }
[[ "$name" =~ ^[A-Za-z0-9._-]+$ ]] || { echo "error: NAME '$name' must be letters, digits, '.', '_' or '-'." >&2; exit 2; }
mkdir -p "$outdir" || { echo "error: cannot create $outdir: choose a writable folder." >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/cb-packed.XXXXXXXX")" || { echo "error: cannot make a temporary folder" >&2; exit 2; }
trap 'rm -rf "$work"' EXIT
tar xJf "$pack" -C "$work" || { echo "error: cannot unpack $pack" >&2; exit 2; }
commit="$(head -c 64 "$work/bench/COMMIT" 2>/dev/null | tr -dc '0-9a-f')"
echo "run-packed: $pack, commit ${commit:-unknown}, unpacked in $work"
export DOTNET_ROOT="$work/dotnet" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export CONCURRENCYBENCH_WORKER_AOT="$work/aot/ConcurrencyBench.Worker"
export CONCURRENCYBENCH_WORKER="$work/bench/ConcurrencyBench.Worker.dll"
[[ -f "$outdir/machine.txt" ]] || { nproc; lscpu; free -g; uname -a; cat /proc/loadavg; } > "$outdir/machine.txt" 2>&1
head -1 /proc/stat > "$outdir/$name.stat-start.txt"
start=$(date +%s)
timeout --signal=INT --kill-after=20 "$budget" "$work/dotnet/dotnet" "$work/bench/ConcurrencyBench.Benchmarks.dll" \
  --in-process --no-cpython --out "$work/$name" "$@" > "$outdir/$name.log" 2>&1
code=$?
head -1 /proc/stat > "$outdir/$name.stat-end.txt"
echo "$name: exit $code after $(( $(date +%s) - start )) s (commit ${commit:-unknown})" | tee -a "$outdir/summary.txt"
tar czf "$outdir/$name.tar.gz" -C "$work" "$name"
exit $code
