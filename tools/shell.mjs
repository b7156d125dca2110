// Trunk post-build hook: fills the static shell in index.html (the header and a loading line
// shown before the WebAssembly has arrived) with its words in both languages, taken from the
// translation files, so the shell says exactly what the app says and no text lives outside
// crates/guanxi-i18n. An element `data-key="NavCustomers"` gets both spellings, each in a span
// the stylesheet shows only under the matching <html lang>; `data-key-label` fills aria-label
// (Chinese, the default) the same way.
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("shell.mjs: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)");
  process.exit(1);
}
const textDir = new URL("../crates/guanxi-i18n/src/text/", import.meta.url);
const words = new Map();
for (const name of readdirSync(textDir).filter((n) => n.endsWith(".keys"))) {
  for (const line of readFileSync(new URL(name, textDir), "utf8").split("\n")) {
    const m = line.match(/^(\w+) => \("((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)"\),/);
    if (m) words.set(m[1], { zh: m[2], en: m[3] });
  }
}
const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
const word = (key) => {
  const w = words.get(key);
  if (!w) {
    console.error(`shell.mjs: no translation key ${key}`);
    process.exit(1);
  }
  return w;
};
const file = join(dir, "index.html");
let html = readFileSync(file, "utf8");
let filled = 0;
html = html.replace(/(<(\w+)[^>]*?) data-key="(\w+)"([^>]*)><\/\2>/g, (_, open, tag, key, rest) => {
  const w = word(key);
  filled++;
  return `${open}${rest}><span class="boot-zh">${escape(w.zh)}</span><span class="boot-en">${escape(w.en)}</span></${tag}>`;
});
html = html.replace(/ data-key-label="(\w+)"/g, (_, key) => {
  filled++;
  return ` aria-label="${escape(word(key).zh)}"`;
});
if (/data-key/.test(html)) {
  console.error("shell.mjs: a data-key was left unfilled (an element with content, or a typo)");
  process.exit(1);
}
writeFileSync(file, html);
console.log(`shell.mjs: ${filled} shell text(s) filled`);
