#!/usr/bin/env bash
# Prints figures, never asserts them: the size of what a user downloads (raw, gzip, brotli),
# timings at 10,000 and 100,000 customers beside the raw-IndexedDB floor, memory.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f target/bench/figures.json
node tests/bench-size.mjs dist dist-single
node tests/size-budget.mjs dist
cargo run -q --release -p guanxi-core --example analysis_bench
cargo run -q --release -p guanxi-core --example search_bench
node tests/bench-10k.mjs
node tests/bench-import.mjs
node tests/bench-encrypted.mjs
node tests/bench-100k.mjs
echo "figures as JSON: target/bench/figures.json"
