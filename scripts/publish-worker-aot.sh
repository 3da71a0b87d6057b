#!/usr/bin/env bash
# Publishes the worker with NativeAOT to artifacts/worker-aot/, where the Process strategies look for it first.
# The suite runs this itself when the AOT worker is missing or older than its sources; run it by hand after a change
# if you want the AOT worker in tests too. Intermediate files go to artifacts/aot-build/, away from the normal build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rid="${RID:-linux-x64}"
dotnet publish "$root/src/ConcurrencyBench.Worker/ConcurrencyBench.Worker.csproj" \
  -c Release -r "$rid" -p:PublishAot=true \
  -p:UseArtifactsOutput=true -p:ArtifactsPath="$root/artifacts/aot-build" \
  -o "$root/artifacts/worker-aot" "$@"
