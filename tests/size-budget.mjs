// The size gate of `make test`: the first download (the page and every file it asks for before
// the app can start: script, wasm, stylesheet, boot script, icon) compressed as a server would
// with brotli, against the budget in tests/size-budget.json. Bytes are deterministic for a
// given source, so this is a gate, not a timing test; the small headroom in the budget covers
// the few bytes that differ between machines (dependency paths in panic locations).
// Raising the budget is a decision to write down in the commit that does it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const budget = JSON.parse(readFileSync(new URL("size-budget.json", import.meta.url), "utf8"));
const page = readFileSync(join(dir, "index.html"), "utf8");
// Everything index.html loads by itself: stylesheets, scripts, preloads and the wasm module
// the bootstrap script initialises, and the web app manifest; URLs are relative to the base.
// Navigation links (href="customers") are pages, not files. The service worker and what it
// caches after the page has loaded (the same files, plus the install icons) are not counted.
const assets = new Set(["index.html"]);
for (const [, url] of page.matchAll(/(?:href|src|module_or_path:)\s*=?\s*["'](?:\.?\/)?([^"'?#]+\.(?:js|wasm|css|svg|webmanifest))["']/g)) {
  assets.add(url);
}
const brotli = (body) =>
  brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
let total = 0;
for (const name of [...assets].sort()) {
  const size = brotli(readFileSync(join(dir, name)));
  total += size;
  console.log(`${name.padEnd(40)} ${(size / 1024).toFixed(1).padStart(8)} KiB brotli`);
}
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const limit = budget.first_download_brotli_kib * 1024;
if (![...assets].some((a) => a.endsWith(".wasm"))) {
  console.log("size budget: 0 passed, 1 failed (no .wasm found in index.html: the check is looking at the wrong page)");
  process.exit(1);
}
if (total > limit) {
  console.log(`size budget: 0 passed, 1 failed (first download ${kib(total)} brotli is over the budget of ${kib(limit)})`);
  process.exit(1);
}
console.log(`size budget: 1 passed (first download ${kib(total)} brotli, budget ${kib(limit)}; the issue's goal is ${budget.goal_kib} KiB)`);
