// Trunk post-build step (run by post-build.mjs, after the policy): makes the build work offline
// and from any deep link.
// - The version: a hash of every file of the build. It goes into index.html as
//   <meta name="guanxi-version"> (the app tells the user when it changed since their last visit)
//   and into sw.js with the list of files the service worker caches.
// - 404.html: the same page, for static hosts (GitHub Pages) that answer an unknown path with
//   it, so a deep link or a reload of /customers/12 boots the app.
// A debug build (trunk serve) keeps sw.js's empty version, so its worker removes itself.
// Usage as a hook: TRUNK_STAGING_DIR and TRUNK_PROFILE from Trunk; by hand: node tools/offline.mjs <dir>.
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { join, relative } from "node:path";

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("offline.mjs: give the build directory (or run it as a Trunk hook)");
  process.exit(1);
}
const release = process.argv[2] !== undefined || process.env.TRUNK_PROFILE === "release";
const skip = new Set(["sw.js", "404.html"]);
const files = [];
(function walk(d) {
  for (const name of readdirSync(d).sort()) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(relative(dir, path).split("\\").join("/"));
  }
})(dir);
const cached = files.filter((f) => !skip.has(f));

const indexFile = join(dir, "index.html");
// A rerun (by hand on a built dist) starts from the page without the previous stamp.
const stamp = /\n    <meta name="guanxi-version" content="[^"]*" \/>/;
let html = readFileSync(indexFile, "utf8").replace(stamp, "");
const hash = createHash("sha256");
for (const f of cached) {
  hash.update(f + "\0");
  hash.update(f === "index.html" ? html : readFileSync(join(dir, f)));
}
const version = release ? hash.digest("hex").slice(0, 16) : "";
html = html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta name="guanxi-version" content="${version}" />`);
writeFileSync(indexFile, html);
writeFileSync(join(dir, "404.html"), html);

const swFile = join(dir, "sw.js");
const sw = readFileSync(swFile, "utf8")
  .replace(/^const VERSION = .*;$/m, `const VERSION = ${JSON.stringify(version)};`)
  .replace(/^const FILES = .*;$/m, `const FILES = ${JSON.stringify(release ? cached : [])};`);
writeFileSync(swFile, sw);
console.log(`offline.mjs: version ${version || "(debug: no offline cache)"}, ${release ? cached.length : 0} files cached, 404.html written`);
