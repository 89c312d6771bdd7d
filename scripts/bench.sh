#!/usr/bin/env bash
# `make bench`: the release site, the native criterion benchmark of the pure crate, then the browser
# benchmark (scripts/bench.mjs), which prints the table and writes target/bench/results.json.
set -euo pipefail
# The sandbox build: the benchmark's page talks to the local sandbox.
SANDBOX_CSP=1 trunk build --release
cargo build --release -p copilot-sandbox --features server --locked
# What criterion keeps of benchmarks since renamed or moved stays in target/criterion: the table reads only
# the results written from here on (scripts/bench.mjs, criterion()).
mkdir -p target/bench
touch target/bench/native-started
cargo bench -p copilot-api --bench grid --bench dashboard --bench grants --bench review --bench reclaim --locked -- --quick
node scripts/bench.mjs
