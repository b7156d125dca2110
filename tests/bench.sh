#!/usr/bin/env bash
# Prints figures, never asserts them: the size of what a user downloads (raw, gzip, brotli).
set -euo pipefail
cd "$(dirname "$0")/.."
node tests/bench-size.mjs dist
cargo run -q --release -p guanxi-core --example analysis_bench
node tests/bench-10k.mjs
node tests/bench-import.mjs
node tests/bench-encrypted.mjs
