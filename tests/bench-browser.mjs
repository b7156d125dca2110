// Shared by the benchmark scripts: serve dist/ on a port and open the release build in
// Debian's Chromium with the flags this machine needs.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

export async function openBuiltApp(port, locale = "en-US") {
  const server = spawn("node", ["tests/serve.mjs", String(port), "dist"], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const page = await (await browser.newContext({ locale })).newPage();
  return {
    page,
    base: `http://127.0.0.1:${port}`,
    async close() {
      await browser.close();
      server.kill();
    },
  };
}

export const ms = (t) => `${Math.round(t)} ms`;

/** Prints the figures and adds them to target/bench/figures.json (tests/bench.sh starts it
 * empty), so two runs can be compared. */
export function printFigures(title, figures) {
  const file = "target/bench/figures.json";
  mkdirSync("target/bench", { recursive: true });
  const all = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : [];
  all.push({ title, at: new Date().toISOString(), figures: Object.fromEntries(figures) });
  writeFileSync(file, JSON.stringify(all, null, 2));
  console.log(`\n${title}`);
  for (const [what, value] of figures) console.log(`  ${what.padEnd(72)} ${String(value).padStart(10)}`);
}
