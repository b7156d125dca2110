// Killing the browser for real: Chromium is started as its own process group on a persistent
// profile and driven over the DevTools protocol, so SIGKILL takes down every one of its
// processes (browser, renderer, storage) at once, as a crash or a killed laptop session would.
// Relaunching on the same profile then shows what IndexedDB kept.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const FLAGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
  "--no-default-browser-check", "--lang=zh-CN",
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function newProfile() {
  return mkdtempSync(join(tmpdir(), "guanxi-profile-"));
}

/** Starts Chromium on `profile` and returns a page in it. */
export async function launch(profile) {
  // Port 0: Chromium picks a free port and writes it to DevToolsActivePort in the profile
  // (a killed browser leaves the old file behind, so it goes first).
  const portFile = join(profile, "DevToolsActivePort");
  rmSync(portFile, { force: true });
  const proc = spawn("/usr/bin/chromium", [...FLAGS, `--user-data-dir=${profile}`, "--remote-debugging-port=0", "about:blank"], {
    detached: true,
    stdio: "ignore",
  });
  const exited = new Promise((r) => proc.once("exit", r));
  let port;
  for (let i = 0; !port; i++) {
    if (existsSync(portFile)) port = Number(readFileSync(portFile, "utf8").split("\n")[0]) || undefined;
    if (i > 400) throw new Error("chromium did not start");
    if (!port) await sleep(50);
  }
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    /** SIGKILL to the whole process group: no shutdown, no flush, nothing graceful. */
    async kill() {
      try {
        process.kill(-proc.pid, "SIGKILL");
      } catch {
        // already gone
      }
      await exited;
      await browser.close().catch(() => {});
    },
    async close() {
      await browser.close().catch(() => {});
      try {
        process.kill(-proc.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await exited;
    },
  };
}

/** Customer names stored in IndexedDB, read directly (not through the app). */
export async function storedCustomerNames(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("guanxi");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains("customers")) {
            db.close();
            return resolve([]);
          }
          const get = db.transaction("customers").objectStore("customers").getAll();
          get.onsuccess = () => {
            db.close();
            resolve(get.result.filter((c) => !c.deleted_at).map((c) => c.name));
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

/** A 10,000-row CSV, written once per run. */
export function csv10k() {
  const file = join(mkdtempSync(join(tmpdir(), "guanxi-csv-")), "customers-10000.csv");
  const lines = ["客户名称,手机,行业,地区"];
  for (let i = 0; i < 10_000; i++) lines.push(`崩溃测试客户${i},13${String(100000000 + i * 7).slice(0, 9)},软件,北京`);
  writeFileSync(file, "\ufeff" + lines.join("\r\n"));
  return file;
}

/**
 * One trial: a profile holding one customer starts a 10,000-row CSV import and the browser is
 * killed `delay` ms after "Import" is clicked. After a relaunch the store must hold exactly the
 * one customer (before) or the one plus all 10,000 (after), and the app must open normally.
 */
export async function importKillTrial(base, csv, delay, { waitForReport = false } = {}) {
  const profile = newProfile();
  let browser = await launch(profile);
  let page = browser.page;
  await page.goto(`${base}/customers/new`);
  await page.locator("#name").fill("崩溃前已有的客户");
  await page.getByTestId("save").click();
  await page.getByTestId("customer-name").waitFor();
  await page.goto(`${base}/data`);
  await page.getByTestId("csv-file").setInputFiles(csv);
  await page.getByTestId("csv-preview-row").first().waitFor({ timeout: 60_000 });
  await page.getByTestId("csv-run").click();
  const started = Date.now();
  await sleep(delay);
  // The control trial: kill only once the import has reported success.
  if (waitForReport) await page.getByTestId("csv-report").waitFor({ timeout: 120_000 });
  const finishedBeforeKill = await page.getByTestId("csv-report").isVisible().catch(() => false);
  await browser.kill();
  const killedAfter = Date.now() - started;

  browser = await launch(profile);
  page = browser.page;
  await page.goto(`${base}/customers`);
  // The app, not the static shell index.html paints first.
  await page.locator("#boot").waitFor({ state: "detached" });
  await page.locator("header.topbar").waitFor();
  const names = await storedCustomerNames(page);
  const recovery = await page.getByTestId("recovery").isVisible();
  await browser.close();

  const imported = names.filter((n) => n.startsWith("崩溃测试客户"));
  const hasOld = names.includes("崩溃前已有的客户");
  let outcome = "inconsistent";
  if (hasOld && names.length === 1) outcome = "before";
  else if (hasOld && names.length === 10_001 && new Set(imported).size === 10_000) outcome = "after";
  if (recovery) outcome = "inconsistent";
  return { delay, killedAfter, finishedBeforeKill, count: names.length, outcome };
}
