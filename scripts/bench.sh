#!/usr/bin/env bash
# `make bench`: the release site, the native criterion benchmark of the pure crate, then the browser
# benchmark (scripts/bench.mjs), which prints the table and writes target/bench/results.json.
set -euo pipefail
# The sandbox build: the benchmark's page talks to the local sandbox.
SANDBOX_CSP=1 trunk build --release
cargo build --release -p copilot-sandbox --features server --locked
cargo bench -p copilot-api --bench grid --bench dashboard --bench grants --bench review --bench reclaim --locked -- --quick
node scripts/bench.mjs
