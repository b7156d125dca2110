#!/usr/bin/env bash
# Runs every suite — native core tests, IndexedDB tests in headless Chromium, end-to-end tests
# on the release build — and ends with one line summing them: "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."

log_dir=$(mktemp -d)
passed=0
failed=0
status=0

# cargo and wasm-bindgen-test print "test result: ok. N passed; M failed; …" per binary.
count_cargo() {
  local p f
  p=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$1" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed;' "$1" | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}

# Playwright's list reporter closes with "  N passed (…)" and, if any, "  M failed".
count_playwright() {
  local p f
  p=$(grep -Eo '^\s+[0-9]+ passed' "$1" | grep -Eo '[0-9]+' | tail -1)
  f=$(grep -Eo '^\s+[0-9]+ failed' "$1" | grep -Eo '[0-9]+' | tail -1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

run() {
  local name=$1; shift
  echo "==> $name"
  if ! "$@" 2>&1 | tee "$log_dir/$name.log"; then
    status=1
    echo "!! $name failed"
  fi
}

# Formatting and lints gate the run; they are not counted as tests.
run fmt cargo fmt --all -- --check
run clippy-core cargo clippy -p guanxi-core -p guanxi-i18n --all-targets -- -D warnings
run clippy-app cargo clippy -p guanxi --target wasm32-unknown-unknown --all-targets -- -D warnings

run core cargo test -p guanxi-core -p guanxi-i18n
count_cargo "$log_dir/core.log"

run storage cargo test -p guanxi --target wasm32-unknown-unknown --test storage
count_cargo "$log_dir/storage.log"

run fuzz bash tests/fuzz.sh
p=$(grep -Eo '^fuzz: [0-9]+ passed' "$log_dir/fuzz.log" | grep -Eo '[0-9]+' | tail -1)
passed=$((passed + ${p:-0}))

run build trunk build --release
run single node tools/single.mjs dist dist-single
run size node tests/size-budget.mjs dist
p=$(grep -Eo '^size budget: [0-9]+ passed' "$log_dir/size.log" | grep -Eo '[0-9]+' | tail -1)
f=$(grep -Eo '[0-9]+ failed' "$log_dir/size.log" | grep -Eo '[0-9]+' | tail -1)
passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
run e2e npx playwright test
count_playwright "$log_dir/e2e.log"

# CI keeps only the last lines of a run, so each failed end-to-end test gets one line here with
# its cause: a page or console error it caught if any, else the first assertion line.
if [ -f "$log_dir/e2e.log" ] && grep -Eq '^\s+[0-9]+ failed' "$log_dir/e2e.log"; then
  awk '
    function flush() { if (title != "") print "why: " title " :: " substr(cause != "" ? cause : first, 1, 200) }
    /^  [0-9]+\) / { flush(); title = $0; sub(/^  [0-9]+\) /, "", title); sub(/ › .*/, "", title); cause = ""; first = ""; next }
    title != "" && cause == "" && /(pageerror|console): / { cause = $0; gsub(/^[ +\-"]+|",?$/, "", cause) }
    title != "" && first == "" && /Error:|Expected|Received/ { first = $0; gsub(/^ +/, "", first) }
    /^  Slow test file|^  [0-9]+ failed$/ { flush(); title = "" }
    END { flush() }
  ' "$log_dir/e2e.log"
fi

# A suite that crashed before reporting must still fail the run.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo
echo "summary: $passed passed, $failed failed"
rm -rf "$log_dir"
exit "$status"
