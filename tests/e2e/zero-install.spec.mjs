// Zero install: the same dist works under a sub-path with deep links (a project page with
// GitHub Pages' 404.html fallback), opens and works with the network off after one visit,
// picks up a new build on the next start with a note, and is installable; and the single file
// of `make single` runs from file://.
// Each test runs its own static server (tests/serve.mjs) so it can serve a sub-path, or stop
// it to take the network away for real.
import { test, expect, chromium } from "@playwright/test";
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { watchErrors, createCustomer, forgetToasts, freshToast } from "./helpers.mjs";

/** Starts tests/serve.mjs on a free port; resolves once it listens. */
async function serve(args) {
  const port = 8300 + Math.floor(Math.random() * 600);
  const child = spawn("node", ["tests/serve.mjs", String(port), ...args], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => String(d).includes("serving") && resolve());
    child.on("exit", (code) => reject(new Error(`serve.mjs exited with ${code}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** Waits until the page is controlled by an active service worker (the first visit's page is
 * claimed as soon as the worker has cached every file). */
async function offlineReady(page) {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return !!reg?.active && navigator.serviceWorker.controller !== null;
  }, null, { timeout: 30_000 });
}

const version = (page) => page.locator("meta[name=guanxi-version]").getAttribute("content");

test("served under a sub-path: links, deep links and reloads stay under it", async ({ browser }) => {
  const server = await serve(["dist", "--base", "/guanxi/", "--pages"]);
  const context = await browser.newContext({ baseURL: server.origin });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const outside = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.origin === server.origin && !url.pathname.startsWith("/guanxi/")) outside.push(url.pathname);
  });
  // A deep link is answered with status 404 (and Chromium logs that); only pages may be, no file.
  const missing = [];
  page.on("response", (r) => {
    if (r.status() === 404 && r.request().resourceType() !== "document") missing.push(r.url());
  });
  try {
    await page.goto("/guanxi/");
    await expect(page).toHaveURL(/\/guanxi\/customers$/);
    await expect(page.getByTestId("new-customer")).toBeVisible();
    await createCustomer(page, { name: "子路径客户", phone: "13800000001" });
    await expect(page).toHaveURL(/\/guanxi\/customers\/[0-9a-f-]+$/);
    const detail = page.url();

    // A reload of a deep link is answered by 404.html (status 404), which boots the app.
    const response = await page.reload();
    expect(response.status()).toBe(404);
    await expect(page.getByTestId("customer-name")).toHaveText("子路径客户");

    // Every section of the navigation, as links under the sub-path.
    const hrefs = await page.locator("header nav.nav a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) expect(href).toMatch(/^\/guanxi\//);
    for (const name of ["商机", "分析", "设置", "营销"]) {
      await page.locator("header nav.nav").getByRole("link", { name, exact: true }).click();
      await expect(page).toHaveURL(/\/guanxi\/[a-z-]+/);
      await expect(page.getByRole("heading", { name: "找不到该页面或记录" })).toHaveCount(0);
    }

    // The tabs that are plain links carry the sub-path and mark the right page as current.
    await page.goto("/guanxi/opportunities/list");
    await expect(page.getByTestId("view-list")).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("view-list")).toHaveAttribute("href", /^\/guanxi\/opportunities\/list/);
    await page.goto("/guanxi/analysis/abc");
    await expect(page.locator("nav.analysis-tabs a[aria-current=page]")).toHaveAttribute("href", /^\/guanxi\/analysis\/abc/);
    await page.goto("/guanxi/greetings");
    await expect(page.getByTestId("tab-campaigns")).toHaveAttribute("href", "/guanxi/campaigns");
    await page.getByTestId("tab-campaigns").click();
    await expect(page).toHaveURL(/\/guanxi\/campaigns$/);

    // An unknown page under the sub-path is the app's own "not found", not a broken page.
    await page.goto("/guanxi/no-such-page");
    await expect(page.getByRole("heading", { name: "找不到该页面或记录" })).toBeVisible();

    await page.goto(detail);
    await expect(page.getByTestId("customer-name")).toHaveText("子路径客户");
    expect(outside).toEqual([]);
    expect(missing).toEqual([]);
    expect(errors.filter((e) => !e.includes("status of 404"))).toEqual([]);
  } finally {
    await context.close();
    server.stop();
  }
});

test("after one visit the app opens and saves with the network off", async ({ browser }) => {
  const server = await serve(["dist"]);
  const context = await browser.newContext({ baseURL: server.origin, serviceWorkers: "allow" });
  const page = await context.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto("/customers");
    await expect(page.getByTestId("new-customer")).toBeVisible();
    await offlineReady(page);

    // The network is gone: the server is stopped and the browser is offline.
    server.stop();
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId("new-customer")).toBeVisible();
    await createCustomer(page, { name: "离线客户" });
    const detail = page.url();
    // A deep link opens offline too, with the record just saved.
    await page.goto(detail);
    await expect(page.getByTestId("customer-name")).toHaveText("离线客户");
    await page.goto("/analysis/abc");
    await expect(page.locator("nav.analysis-tabs")).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    server.stop();
  }
});

test("a new build is picked up on the next start, never under an open page, with a note", async ({ browser }) => {
  const dir = mkdtempSync(join(tmpdir(), "guanxi-dist-"));
  cpSync("dist", dir, { recursive: true });
  const server = await serve([dir]);
  const context = await browser.newContext({ baseURL: server.origin, serviceWorkers: "allow" });
  try {
    let page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto("/customers");
    await offlineReady(page);
    const first = await version(page);
    expect(first).toMatch(/^[0-9a-f]{16}$/);

    // A new build is published while the page is open, with a half-typed customer.
    await page.getByTestId("new-customer").click();
    await page.locator("#name").fill("正在输入");
    appendFileSync(join(dir, "boot.js"), "\n// a later build\n");
    execFileSync("node", ["tools/offline.mjs", dir]);
    const second = readFileSync(join(dir, "index.html"), "utf8").match(/guanxi-version" content="(\w+)"/)[1];
    expect(second).not.toBe(first);
    // The browser's update check (a start does this) finds it; the new worker caches the new
    // build and waits: the open page keeps its version and the text being typed.
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg.update();
    });
    await page.waitForFunction(async () => !!(await navigator.serviceWorker.getRegistration()).waiting, null, { timeout: 30_000 });
    expect(await version(page)).toBe(first);
    await expect(page.locator("#name")).toHaveValue("正在输入");
    await expect(page.getByTestId("toast")).toHaveCount(0);
    expect(errors).toEqual([]);
    await page.close();

    // Next start: with no page of the old version open, the new one takes over and says so.
    let shown = null;
    for (let i = 0; i < 50 && shown !== second; i++) {
      page = await context.newPage();
      await page.goto("/customers");
      shown = await version(page);
      if (shown !== second) await page.close();
    }
    expect(shown).toBe(second);
    await expect(page.getByTestId("toast").filter({ hasText: "关系已更新到新版本。" })).toBeVisible();
    // Only once: the next start of the same version says nothing.
    await page.reload();
    await expect(page.getByTestId("new-customer")).toBeVisible();
    await expect(page.getByTestId("toast")).toHaveCount(0);
  } finally {
    await context.close();
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("installable: a manifest with icons, theme colours and an offline worker", async () => {
  const server = await serve(["dist"]);
  // Chromium never offers to install from an incognito context, which is what a test's fresh
  // context is; a browser with a profile directory is not one.
  const profile = mkdtempSync(join(tmpdir(), "guanxi-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    ...test.info().project.use.launchOptions,
    baseURL: server.origin,
    serviceWorkers: "allow",
  });
  const page = await context.newPage();
  try {
    await page.goto("/customers");
    await offlineReady(page);
    const manifest = await (await page.request.get("/manifest.webmanifest")).json();
    expect(manifest.name).toContain("关系");
    expect(manifest.display).toBe("standalone");
    const sizes = manifest.icons.map((i) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const icon of manifest.icons) {
      const res = await page.request.get("/" + icon.src);
      expect(res.status(), icon.src).toBe(200);
    }
    expect(await page.locator('meta[name=theme-color][media*="dark"]').count()).toBe(1);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
  } finally {
    await context.close();
    server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("the single file runs from file://: saves, reloads, links and the back button", async ({ browser }) => {
  // Written by `make single` (tests/run-all.sh runs it after the release build).
  const file = pathToFileURL(resolve("dist-single/guanxi.html")).href;
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto(file);
    await expect(page.getByTestId("new-customer")).toBeVisible();
    // The app's place is after the #: a file:// page may change nothing else of its address.
    await expect(page).toHaveURL(`${file}#/customers`);
    await createCustomer(page, { name: "U盘客户", phone: "13900000002" });
    await expect(page).toHaveURL(new RegExp(`#/customers/[0-9a-f-]+$`));
    await page.reload();
    await expect(page.getByTestId("customer-name")).toHaveText("U盘客户");

    await page.locator("header nav.nav").getByRole("link", { name: "分析", exact: true }).click();
    await expect(page).toHaveURL(`${file}#/analysis`);
    await page.locator("nav.analysis-tabs").getByRole("link", { name: "ABC 分类" }).click();
    await expect(page).toHaveURL(`${file}#/analysis/abc`);
    await page.goBack();
    await expect(page).toHaveURL(`${file}#/analysis`);
    await page.goBack();
    await expect(page.getByTestId("customer-name")).toHaveText("U盘客户");

    // The list finds it after a fresh start of the file.
    await page.goto(file);
    await expect(page.getByText("U盘客户")).toBeVisible();
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
