// Size of each file of a build directory and of the whole, raw and as a server would compress
// it; the totals also go to target/bench/figures.json. Usage: node tests/bench-size.mjs <dir>...
// (tests/bench.sh measures dist/ and the single file of `make single`).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { printFigures } from "./bench-browser.mjs";

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
for (const dir of process.argv.slice(2).length ? process.argv.slice(2) : ["dist"]) {
  const files = [];
  (function walk(d) {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  })(dir);
  let total = { raw: 0, gz: 0, br: 0 };
  console.log(`\n${"file".padEnd(40)} ${"raw".padStart(11)} ${"gzip -9".padStart(11)} ${"brotli".padStart(11)}`);
  for (const path of files) {
    const body = readFileSync(path);
    const raw = body.length;
    const gz = gzipSync(body, { level: 9 }).length;
    const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    total = { raw: total.raw + raw, gz: total.gz + gz, br: total.br + br };
    console.log(`${relative(dir, path).padEnd(40)} ${kb(raw).padStart(11)} ${kb(gz).padStart(11)} ${kb(br).padStart(11)}`);
  }
  printFigures(`size of ${dir}/ (${files.length} files)`, [
    ["raw", kb(total.raw)],
    ["gzip -9", kb(total.gz)],
    ["brotli", kb(total.br)],
  ]);
}
