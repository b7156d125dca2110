# Guanxi — two commands on a fresh machine:
#   make serve   set up what is missing, then serve the app on http://127.0.0.1:8080
#   make test    set up what is missing, then run every test (native, browser storage, end-to-end)
# Setup is idempotent: each step checks first and is skipped when the tool is already right.

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER := /usr/bin/chromedriver
# wasm-bindgen-test-runner gives chromedriver 5 s to bind its port; a cold start on a busy
# 2-core machine has been seen to take longer, failing the storage suite before any test ran.
export WASM_BINDGEN_TEST_DRIVER_TIMEOUT := 60
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

# The wasm-bindgen CLI must match the library in Cargo.lock exactly.
WASM_BINDGEN_VERSION = $(shell grep -A1 '^name = "wasm-bindgen"$$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
TRUNK_VERSION := 0.21
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve test build single bench crash-trials fuzz setup setup-build setup-browser setup-fuzz fmt clippy clean

serve: setup-build
	@# No live-reload: its inline script is rewritten at serve time and the CSP would refuse it.
	trunk serve --address 127.0.0.1 --port 8080 --no-autoreload

build: setup-build
	trunk build --release

test: setup
	bash tests/run-all.sh

# One self-contained HTML file that runs from file:// (README: "One file").
single: build
	node tools/single.mjs dist dist-single

bench: single
	bash tests/bench.sh

# Many kill-during-import trials (CRASH_TRIALS, default 40), with the counts for the notes.
crash-trials: build
	node tests/crash-trials.mjs

fuzz: setup-fuzz
	FUZZ_SECONDS=$${FUZZ_SECONDS:-60} bash tests/fuzz.sh

setup: setup-build setup-browser setup-fuzz

setup-fuzz:
	@cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked

setup-build:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -q "trunk $(TRUNK_VERSION)\." \
	  || cargo install trunk --version '~$(TRUNK_VERSION)' --locked
	@# Not --locked: one of the CLI's locked dependencies is no longer in the registry.
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force
	@# wasm-opt, Playwright and axe-core come from npm (Debian's binaryen is too old and breaks the wasm).
	@[ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/@playwright/test ] \
	  && [ -d node_modules/@axe-core/playwright ] \
	  || npm ci --no-audit --no-fund

setup-browser:
	@# Debian's Chromium and its driver, and a CJK font so Chinese is not drawn as boxes.
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null \
	  && dpkg -s fonts-noto-cjk >/dev/null 2>&1 \
	  || ($(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      $(SUDO) apt-get install -y -qq chromium chromium-driver fonts-noto-cjk)

fmt:
	cargo fmt --all

clippy:
	cargo clippy -p guanxi-core -p guanxi-i18n --all-targets -- -D warnings
	cargo clippy -p guanxi --target wasm32-unknown-unknown --all-targets -- -D warnings

clean:
	cargo clean
	rm -rf dist dist-single test-results playwright-report
