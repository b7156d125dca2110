// Storage under the browser's other threats: two tabs editing the same data, a database
// connection that drops, a newer build taking over the database, an older build opening newer
// data, and a database whose records no longer read. Real IndexedDB in headless Chromium.
import { test, expect } from "@playwright/test";
import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCustomer, openApp, watchErrors } from "./helpers.mjs";

const scratch = mkdtempSync(join(tmpdir(), "guanxi-tabs-"));

/** Every value of one object store, read straight from IndexedDB (not through the app). */
async function storedValues(page, store) {
  return page.evaluate(
    (store) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("guanxi");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction(store).objectStore(store).getAll();
          get.onsuccess = () => {
            db.close();
            resolve(get.result);
          };
          get.onerror = () => reject(get.error);
        };
      }),
    store,
  );
}

async function dbVersion(page) {
  return page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === "guanxi").version);
}

function customerId(page) {
  return new URL(page.url()).pathname.split("/").pop();
}

test("a write in one tab shows in the other without a reload", async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  const errors = [...watchErrors(a), ...watchErrors(b)];
  await openApp(a);
  await openApp(b);
  await expect(b.getByTestId("empty-state")).toBeVisible();

  await createCustomer(a, { name: "标签页甲创建的客户" });
  await expect(b.getByRole("link", { name: "标签页甲创建的客户" })).toBeVisible();

  // And back: an edit in B reaches A's open detail page.
  await b.getByRole("link", { name: "标签页甲创建的客户" }).click();
  await b.getByTestId("edit-customer").click();
  await b.locator("#name").fill("标签页乙改过的名字");
  await b.getByTestId("save").click();
  await expect(b.getByTestId("customer-name")).toHaveText("标签页乙改过的名字");
  await expect(a.getByTestId("customer-name")).toHaveText("标签页乙改过的名字");
  expect(errors).toEqual([]);
});

test("interleaved edits of one customer in two tabs: the stale save is a conflict, not a lost update", async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await openApp(a);
  await createCustomer(a, { name: "冲突测试客户", phone: "13800138000" });
  const id = customerId(a);

  // Both tabs open the edit form of the same revision.
  await a.goto(`/customers/${id}/edit`);
  await b.goto(`/customers/${id}/edit`);
  await expect(a.locator("#name")).toHaveValue("冲突测试客户");
  await expect(b.locator("#name")).toHaveValue("冲突测试客户");

  await a.locator("#name").fill("甲的修改");
  await a.getByTestId("save").click();
  await expect(a.getByTestId("customer-name")).toHaveText("甲的修改");

  // B still shows what the user is typing (the refresh must not wipe the form)…
  await b.locator("#region").fill("乙填的地区");
  await expect(b.locator("#name")).toHaveValue("冲突测试客户");
  await b.getByTestId("save").click();
  const toast = b.getByTestId("toast").filter({ hasText: "另一个标签页" });
  await expect(toast).toBeVisible();
  await expect(b.getByTestId("toast").filter({ hasText: "已保存" })).toHaveCount(0);
  await expect(b.locator("#region")).toHaveValue("乙填的地区");
  await b.screenshot({ path: "screenshots/fault-conflict-zh-CN-desktop.png" });

  // …and A's edit is what is stored, at the next revision.
  const stored = (await storedValues(a, "customers")).find((c) => c.id === id);
  expect(stored.name).toBe("甲的修改");
  expect(stored.region).toBe("");
  expect(stored.rev).toBe(2);

  // Reopening the record edits the latest version, which then saves.
  await b.goto(`/customers/${id}/edit`);
  await expect(b.locator("#name")).toHaveValue("甲的修改");
  await b.locator("#region").fill("乙填的地区");
  await b.getByTestId("save").click();
  await expect(b.getByTestId("customer-name")).toHaveText("甲的修改");
  const merged = (await storedValues(b, "customers")).find((c) => c.id === id);
  expect([merged.name, merged.region, merged.rev]).toEqual(["甲的修改", "乙填的地区", 3]);
});

/** Lets a test close the app's IndexedDB connections and refuse new ones. */
async function instrumentConnections(page) {
  await page.addInitScript(() => {
    window.__connections = [];
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (...args) {
      if (window.__refuseOpen) throw new DOMException("refused by the test", "UnknownError");
      const request = open.apply(this, args);
      request.addEventListener("success", () => window.__connections.push(request.result));
      return request;
    };
  });
}

test("a dropped connection is reopened and the write retried once: nothing is lost", async ({ page }) => {
  await instrumentConnections(page);
  const warnings = [];
  page.on("console", (m) => warnings.push(m.text()));
  await openApp(page);
  await createCustomer(page, { name: "断线前的客户" });

  // In-app navigation only: a page load would open a fresh connection.
  await page.evaluate(() => window.__connections.forEach((c) => c.close()));
  await page.getByRole("link", { name: "客户", exact: true }).click();
  await createCustomer(page, { name: "断线后保存的客户" });
  expect(warnings.some((w) => w.includes("reopening once"))).toBe(true);

  await page.goto("/customers");
  await expect(page.getByRole("link", { name: "断线前的客户" })).toBeVisible();
  await expect(page.getByRole("link", { name: "断线后保存的客户" })).toBeVisible();
});

test("a dropped connection that cannot be reopened blocks writes with a banner and keeps the typing", async ({ page }) => {
  await instrumentConnections(page);
  await openApp(page);
  await createCustomer(page, { name: "已保存的客户" });

  await page.locator(".toast-close").first().click();
  await page.evaluate(() => {
    window.__refuseOpen = true;
    window.__connections.forEach((c) => c.close());
  });
  await page.getByRole("link", { name: "客户", exact: true }).click();
  await page.getByTestId("new-customer").click();
  await page.locator("#name").fill("无法保存的客户");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("toast").first()).toContainText("无法打开本地数据库");
  await expect(page.getByTestId("storage-banner")).toContainText("数据库连接已断开");
  await expect(page.getByTestId("toast").filter({ hasText: "已保存" })).toHaveCount(0);
  await expect(page.locator("#name")).toHaveValue("无法保存的客户");
  await page.screenshot({ path: "screenshots/fault-connection-lost-zh-CN-desktop.png", fullPage: true });

  // A further attempt is refused up front, not half-tried.
  await page.getByTestId("save").click();
  await expect(page.getByTestId("toast").filter({ hasText: "数据库连接已断开" }).first()).toBeVisible();

  await page.evaluate(() => (window.__refuseOpen = false));
  await page.goto("/customers");
  await expect(page.getByRole("link", { name: "已保存的客户" })).toBeVisible();
  await expect(page.getByRole("link", { name: "无法保存的客户" })).toHaveCount(0);
});

test("a newer version takes over from an open tab; an older build on newer data is read-only but exports", async ({ context }) => {
  const old = await context.newPage();
  await openApp(old);
  await createCustomer(old, { name: "升级前的客户" });
  const version = await dbVersion(old);

  // Another tab opens the database at a newer schema version, as a newer build would. The
  // old tab must let go (not block the upgrade) and say why it stopped.
  const newer = await context.newPage();
  await newer.goto("/favicon.svg");
  const outcome = await newer.evaluate(
    (version) =>
      new Promise((resolve) => {
        const request = indexedDB.open("guanxi", version + 1);
        request.onblocked = () => resolve("blocked");
        request.onerror = () => resolve(`error ${request.error}`);
        request.onsuccess = () => {
          request.result.close();
          resolve("upgraded");
        };
      }),
    version,
  );
  expect(outcome).toBe("upgraded");
  await expect(old.getByTestId("readonly-banner")).toContainText("另一个标签页打开了更新版本");
  await expect(old.getByTestId("reload-page")).toBeVisible();

  // Reloading the old build (this app, one version behind) opens the data read-only.
  await old.reload();
  const banner = old.getByTestId("readonly-banner");
  await expect(banner).toContainText("此页面为只读");
  await expect(old.getByTestId("customer-name")).toHaveText("升级前的客户");
  await old.screenshot({ path: "screenshots/fault-readonly-zh-CN-desktop.png" });

  await old.goto("/customers/new");
  await old.locator("#name").fill("只读时的新客户");
  await old.getByTestId("save").click();
  await expect(old.getByTestId("toast").first()).toContainText("只读");
  await expect(old.getByTestId("toast").filter({ hasText: "已保存" })).toHaveCount(0);

  // Export works in read-only mode.
  await old.goto("/data");
  const [file] = await Promise.all([old.waitForEvent("download"), old.getByTestId("backup-download").click()]);
  const path = join(scratch, "readonly-backup.json");
  await file.saveAs(path);
  expect(readFileSync(path, "utf8")).toContain("升级前的客户");
  expect(await dbVersion(old)).toBe(version + 1);
});

test("records that no longer read: a recovery screen exports what is readable, wipes nothing, restores a backup", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "完好的客户甲" });
  await page.goto("/customers");
  await createCustomer(page, { name: "完好的客户乙" });
  // Damage one stored record behind the app's back, as a bad disk or a foreign write might.
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("guanxi");
        open.onsuccess = () => {
          const tx = open.result.transaction("customers", "readwrite");
          tx.objectStore("customers").put({ id: "00000000-0000-4000-8000-000000000bad", name: 42, rev: 1 });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  await expect(page.getByTestId("recovery")).toBeVisible();
  await expect(page.getByTestId("recovery-detail")).toContainText("invalid type");
  await page.screenshot({ path: "screenshots/fault-recovery-zh-CN-desktop.png", fullPage: true });

  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("recovery-export").click()]);
  const path = join(scratch, "recovered.json");
  await file.saveAs(path);
  await expect(page.getByTestId("toast").first()).toContainText("1 条无法读取");
  const exported = JSON.parse(readFileSync(path, "utf8"));
  const names = exported.data.customers.map((c) => c.name).sort();
  expect(names).toEqual(["完好的客户乙", "完好的客户甲"]);
  // Nothing was wiped: the damaged value is still there next to the good ones.
  expect(await storedValues(page, "customers")).toHaveLength(3);

  // The user chooses to replace the database with the recovered backup.
  await page.getByTestId("restore-file").setInputFiles(path);
  await page.getByTestId("mode-replace").check();
  await page.getByTestId("restore-run").click();
  await page.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("recovery")).toHaveCount(0);
  await page.goto("/customers");
  await expect(page.getByRole("link", { name: "完好的客户甲" })).toBeVisible();
  await expect(page.getByRole("link", { name: "完好的客户乙" })).toBeVisible();
  expect(await storedValues(page, "customers")).toHaveLength(2);
});

test("recovery screen in English at phone width", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openApp(page);
  await page.getByTestId("lang-switch").click();
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open("guanxi");
        open.onsuccess = () => {
          const tx = open.result.transaction("follow_ups", "readwrite");
          tx.objectStore("follow_ups").put({ id: "00000000-0000-4000-8000-000000000bad", due: "not a date", customer_id: "x" });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
        };
      }),
  );
  await page.reload();
  await expect(page.getByTestId("recovery")).toContainText("could not be read");
  await page.screenshot({ path: "screenshots/fault-recovery-en-phone.png", fullPage: true });
});
