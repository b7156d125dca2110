// Trunk post-build hook: writes a strict Content-Security-Policy into the built index.html.
// Trunk injects one inline module script (the wasm bootstrap, plus the live-reload script under
// `trunk serve`); rather than allowing inline script, each one present is allowed by its
// SHA-256 hash, so any other inline or injected script is refused by the browser.
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("csp.mjs: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)");
  process.exit(1);
}
const file = join(dir, "index.html");
let html = readFileSync(file, "utf8");
const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)];
const hashes = inline.map((m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
if (!html.includes('<meta charset="utf-8" />')) {
  console.error("csp.mjs: no <meta charset> to anchor the policy after");
  process.exit(1);
}
// The policy must come before any script, so it goes right after the charset.
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${meta}`);
writeFileSync(file, html);
console.log(`csp.mjs: policy written with ${hashes.length} script hash(es)`);
