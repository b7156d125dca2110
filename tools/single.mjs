// `make single`: writes dist-single/guanxi.html, the release build as one self-contained HTML
// file (stylesheet, scripts, icon and the WebAssembly inlined) that runs from a USB stick or an
// e-mail attachment: opened from file://, or served from anywhere as a single page.
//
// One thing differs from the served app: where the page is. A file:// page has the origin
// "null" and may change only the # part of its address, while the router reads and writes the
// path. So in this file the app's place lives after the # (guanxi.html#/customers/12): the
// wasm-bindgen glue's few reads of the address (location's origin, path, query; a link's href;
// the document's base) and its two history calls go through a small adapter that keeps the
// route in the # part. A reload or the back button keeps the page; links behave as served.
// The rewrite counts what it changed and stops the build if the glue no longer has that shape
// (wasm-bindgen is pinned in Cargo.lock, so the shape only changes with a deliberate upgrade).
//
// Usage: node tools/single.mjs [dist] [out-dir]
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const dist = process.argv[2] ?? "dist";
const out = process.argv[3] ?? "dist-single";
let html = readFileSync(join(dist, "index.html"), "utf8");
const read = (name) => readFileSync(join(dist, name.replace(/^\.\//, "")));
const fail = (why) => {
  console.error(`single.mjs: ${why}`);
  process.exit(1);
};
const take = (re, what) => {
  const m = html.match(re);
  if (!m) fail(`index.html has no ${what}`);
  html = html.replace(re, "");
  return m;
};

// What only a served page needs: its policy (rewritten below), the base script (the file has
// no sub-path), preloads, the manifest and the install icon (a file cannot be installed).
take(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, "policy");
take(/\s*<!-- The app may be served[\s\S]*?-->\s*<script>[\s\S]*?<\/script>/, "base script");
html = html.replace(/<link rel="(?:modulepreload|preload)"[^>]*>/g, "");
take(/\s*<link rel="manifest"[^>]*>/, "manifest link");
take(/\s*<link rel="apple-touch-icon"[^>]*>/, "touch icon");

const icon = take(/<link rel="icon" href="([^"]+)"[^>]*\/>/, "icon")[1];
const css = take(/<link rel="stylesheet" href="([^"]+)"[^>]*\/>/, "stylesheet")[1];
const boot = take(/<script src="(boot\.js)"><\/script>/, "boot script")[1];
const bootstrap = take(/<script type="module">([\s\S]*?)<\/script>/, "wasm bootstrap")[1];
const glueName = bootstrap.match(/from '([^']+\.js)'/)?.[1] ?? fail("bootstrap imports no glue");
const wasmName = bootstrap.match(/module_or_path: '([^']+\.wasm)'/)?.[1] ?? fail("bootstrap names no wasm");

// The glue as a plain module body: no exports (nothing imports this page's script).
let glue = read(glueName).toString("utf8");
const counts = {};
const count = (key) => (counts[key] = (counts[key] ?? 0) + 1);
glue = glue
  .replace(/^export class /gm, "class ")
  .replace(/^export \{[^}]*\};?$/m, "")
  .replace(/\b(arg\d)\.(origin|pathname|search|hash|href|baseURI);/g, (_, arg, prop) => {
    count(prop);
    return `__gxPlace(${arg}).${prop};`;
  })
  .replace(/\b(arg0)\.(pushState|replaceState)\(/g, (_, arg, method) => {
    count(method);
    return `__gxHistory(${arg}, "${method}", `;
  });
for (const key of ["origin", "pathname", "search", "hash", "href", "baseURI", "pushState", "replaceState"]) {
  if (!counts[key]) fail(`the glue no longer reads ${key} as expected; see the comment at the top`);
}
if (/^export /m.test(glue)) fail("the glue has an export this rewrite does not know");

// The route after the #, seen by the app as the path of an origin of its own.
const adapter = `
const __gxOrigin = "http://guanxi.file";
let __gxRoute = "/";
function __gxCurrent() {
  const h = location.hash;
  if (h.startsWith("#/")) __gxRoute = decodeURI(h.slice(1));
  return __gxRoute;
}
const __gxLocation = {
  get origin() { return __gxOrigin; },
  get pathname() { return __gxCurrent().split("?")[0]; },
  get search() { const q = __gxCurrent().indexOf("?"); return q < 0 ? "" : __gxCurrent().slice(q); },
  get hash() { return ""; },
  get href() { return __gxOrigin + __gxCurrent(); },
};
function __gxPlace(o) {
  if (o === window.location) return __gxLocation;
  if (o === document) return { baseURI: __gxOrigin + "/" };
  if (o instanceof HTMLAnchorElement) {
    const a = o.getAttribute("href");
    if (a && a.startsWith("/")) return new URL(__gxOrigin + a);
  }
  return o;
}
function __gxHistory(h, method, state, title, url) {
  if (h !== window.history || url === undefined) return h[method](state, title, url);
  const route = url.startsWith(__gxOrigin) ? url.slice(__gxOrigin.length) : url;
  __gxRoute = route;
  return h[method](state, title, "#" + encodeURI(route));
}
`;

// Gzipped then base64: a third of the raw wasm in base64; the browser's DecompressionStream
// (every current browser has it) unpacks it.
const wasm = gzipSync(read(wasmName), { level: 9 }).toString("base64");
const start = `
const __gxPacked = Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0));
const __gxWasm = await new Response(
  new Blob([__gxPacked]).stream().pipeThrough(new DecompressionStream("gzip")),
).arrayBuffer();
await __wbg_init({ module_or_path: __gxWasm });
`;
const script = adapter + glue + start;
const style = read(css).toString("utf8");
const bootJs = read(boot).toString("utf8");
const iconData = `data:image/svg+xml;base64,${read(icon).toString("base64")}`;

const sha = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
// Everything is inline, so the policy allows exactly these three blocks by hash and no
// source at all besides: no network, no frames, no forms.
const policy = [
  "default-src 'none'",
  `script-src 'wasm-unsafe-eval' ${sha(bootJs)} ${sha(script)}`,
  `style-src ${sha(style)}`,
  "img-src data: blob:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");
for (const [name, text] of [["script", script], ["boot script", bootJs], ["stylesheet", style]]) {
  if (/<\/(script|style)/i.test(text)) fail(`the ${name} contains a closing tag and cannot be inlined`);
}
html = html
  .replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`)
  .replace("</head>", `  <link rel="icon" href="${iconData}" />\n    <style>${style}</style>\n    <script>${bootJs}</script>\n    <script type="module">${script}</script>\n  </head>`);

mkdirSync(out, { recursive: true });
const file = join(out, "guanxi.html");
writeFileSync(file, html);
console.log(`single.mjs: ${file}, ${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB; glue rewritten: ${JSON.stringify(counts)}`);
