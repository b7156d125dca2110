// Draws the app icons (PNG, for the web app manifest and iOS) from the SVGs in static/icons with
// the system Chromium: `node tools/icons.mjs`. The PNGs are committed; run this after changing an SVG.
import { chromium } from "playwright";
import { readFileSync } from "node:fs";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
for (const [src, size, out] of [[new URL("../static/icons/icon.svg", import.meta.url),192,"icon-192.png"],[new URL("../static/icons/icon.svg", import.meta.url),512,"icon-512.png"],[new URL("../static/icons/maskable.svg", import.meta.url),512,"maskable-512.png"]]) {
  const p = await b.newPage({ viewport: { width: size, height: size } });
  const svg = readFileSync(src, "utf8").replace("<svg ", `<svg width="${size}" height="${size}" `);
  await p.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await p.screenshot({ path: new URL("../static/icons/" + out, import.meta.url).pathname, omitBackground: true });
  await p.close();
}
await b.close();
