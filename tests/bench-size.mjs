// Size of each file in dist/ and of the whole download, raw and as a server would compress it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`.padStart(11);
let total = { raw: 0, gz: 0, br: 0 };
console.log(`${"file".padEnd(40)} ${"raw".padStart(11)} ${"gzip -9".padStart(11)} ${"brotli".padStart(11)}`);
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  if (!statSync(path).isFile()) continue;
  const body = readFileSync(path);
  const raw = body.length;
  const gz = gzipSync(body, { level: 9 }).length;
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total = { raw: total.raw + raw, gz: total.gz + gz, br: total.br + br };
  console.log(`${name.padEnd(40)} ${kb(raw)} ${kb(gz)} ${kb(br)}`);
}
console.log(`${"total".padEnd(40)} ${kb(total.raw)} ${kb(total.gz)} ${kb(total.br)}`);
