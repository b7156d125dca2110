#!/usr/bin/env bash
# Runs each cargo-fuzz target (CSV import, backup JSON, vCard) for a bounded time: any panic or
# sanitizer error fails the run and leaves the crashing input under fuzz/artifacts/.
# FUZZ_SECONDS sets the time per target (default 20).
set -euo pipefail
cd "$(dirname "$0")/../crates/guanxi-core"
seconds=${FUZZ_SECONDS:-20}
# libFuzzer's instrumentation needs nightly flags: use the nightly toolchain when the machine
# has one, else let the stable compiler accept them.
if rustup toolchain list | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi
passed=0
for target in csv_import backup vcard; do
  log=$(mktemp)
  if "${fuzz[@]}" run "$target" -- -max_total_time="$seconds" >"$log" 2>&1; then
    echo "fuzz $target: $(grep -Eo 'Done [0-9]+ runs' "$log" | tail -1) in ${seconds}s, no crash"
    passed=$((passed + 1))
  else
    tail -40 "$log"
    echo "fuzz $target: FAILED (see crates/guanxi-core/fuzz/artifacts/$target)"
    rm -f "$log"
    echo "fuzz: $passed passed, 1 failed"
    exit 1
  fi
  rm -f "$log"
done
echo "fuzz: $passed passed, 0 failed"
