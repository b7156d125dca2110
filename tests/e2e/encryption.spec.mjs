// Optional encryption at rest, in headless Chromium against real IndexedDB and WebCrypto:
// nothing personal is readable in storage, a wrong passphrase or a changed byte is refused
// without overwriting anything, and backups can be encrypted too.
import { test, expect } from "@playwright/test";
import { readFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCustomer, openApp, watchErrors } from "./helpers.mjs";

test.describe.configure({ timeout: 120_000 });
const scratch = mkdtempSync(join(tmpdir(), "guanxi-enc-"));
const PASS = "青竹茶业 2026 春";

/** Everything IndexedDB holds, as text: byte arrays as numbers, blobs as their text. */
async function rawDump(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("guanxi");
        open.onerror = () => reject(open.error);
        open.onsuccess = async () => {
          const db = open.result;
          const out = {};
          for (const name of db.objectStoreNames) {
            out[name] = await new Promise((res, rej) => {
              const tx = db.transaction(name);
              const store = tx.objectStore(name);
              const keys = store.getAllKeys();
              const values = store.getAll();
              tx.oncomplete = () => res(keys.result.map((k, i) => [k, values.result[i]]));
              tx.onerror = () => rej(tx.error);
            });
          }
          db.close();
          const blobs = [];
          const text = JSON.stringify(out, (k, v) => {
            if (v instanceof Uint8Array) return Array.from(v);
            if (v instanceof Blob) {
              blobs.push(v);
              return `blob#${blobs.length - 1}`;
            }
            return v;
          });
          const blobTexts = await Promise.all(blobs.map((b) => b.text()));
          resolve(text + "\n" + blobTexts.join("\n"));
        };
      }),
  );
}

async function turnOnEncryption(page) {
  await page.goto("/settings");
  await page.getByTestId("new-passphrase").fill(PASS);
  await page.getByTestId("repeat-passphrase").fill(PASS);
  await page.getByTestId("encrypt-submit").click();
  await expect(page.getByTestId("toast").filter({ hasText: "数据已加密" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("encryption-state")).toContainText("已加密");
}

async function unlock(page, passphrase) {
  await page.getByTestId("unlock-passphrase").fill(passphrase);
  await page.getByTestId("unlock-submit").click();
}

test("encrypted at rest: nothing personal readable, a wrong passphrase changes nothing, files still open", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await createCustomer(page, { name: "加密客户甲", phone: "13912345678" });
  await page.locator("#interaction-summary").fill("机密谈判内容");
  await page.getByTestId("interaction-files").setInputFiles({
    name: "合同.txt", mimeType: "text/plain", buffer: Buffer.from("合同金额 secret-880000"),
  });
  await page.getByTestId("save-interaction").click();
  await expect(page.getByTestId("attachment")).toContainText("合同.txt");
  const plain = await rawDump(page);
  expect(plain).toContain("加密客户甲");
  expect(plain).toContain("secret-880000");

  // The rules on a new passphrase are checked before anything happens.
  await page.goto("/settings");
  await expect(page.getByTestId("encryption-card")).toContainText("忘记口令将无法恢复");
  await page.getByTestId("new-passphrase").fill("short");
  await page.getByTestId("repeat-passphrase").fill("short");
  await page.getByTestId("encrypt-submit").click();
  await expect(page.getByTestId("passphrase-problem")).toContainText("至少需要 8 个字符");
  await page.getByTestId("new-passphrase").fill(PASS);
  await page.getByTestId("repeat-passphrase").fill(PASS + "!");
  await page.getByTestId("encrypt-submit").click();
  await expect(page.getByTestId("passphrase-problem")).toContainText("不一致");
  await page.screenshot({ path: "screenshots/settings-encryption-zh-CN-desktop.png", fullPage: true });

  await turnOnEncryption(page);
  const sealed = await rawDump(page);
  for (const secret of ["加密客户甲", "13912345678", "机密谈判内容", "合同.txt", "secret-880000"]) {
    expect(sealed, secret).not.toContain(secret);
  }
  expect(sealed).toContain('"enc"');
  expect(sealed).toContain('"encryption"');

  // A new tab state: the data waits behind the passphrase.
  await page.reload();
  await expect(page.getByTestId("unlock")).toContainText("忘记口令将无法恢复");
  await page.screenshot({ path: "screenshots/unlock-zh-CN-desktop.png" });
  await unlock(page, "not the passphrase");
  await expect(page.getByTestId("unlock-error")).toContainText("口令不正确");
  expect(await rawDump(page)).toBe(sealed);

  await unlock(page, PASS);
  await expect(page.getByTestId("unlock")).toHaveCount(0);
  await page.goto("/customers");
  await unlock(page, PASS);
  await page.getByRole("link", { name: "加密客户甲" }).click();
  await expect(page.getByTestId("timeline-interaction")).toContainText("机密谈判内容");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("attachment").locator("button.link").click(),
  ]);
  expect(download.suggestedFilename()).toBe("合同.txt");
  expect(Buffer.concat(await (await download.createReadStream()).toArray()).toString()).toBe("合同金额 secret-880000");

  // New writes are sealed too.
  await page.goto("/customers");
  await unlock(page, PASS);
  await createCustomer(page, { name: "加密后新建的客户" });
  expect(await rawDump(page)).not.toContain("加密后新建的客户");

  // Turning it off rewrites everything in the clear.
  await page.goto("/settings");
  await unlock(page, PASS);
  await page.getByTestId("encryption-off").click();
  await page.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("toast").filter({ hasText: "已取消加密" })).toBeVisible({ timeout: 30_000 });
  const clear = await rawDump(page);
  expect(clear).toContain("加密后新建的客户");
  expect(clear).toContain("secret-880000");
  expect(clear).not.toContain('"encryption"');
  await page.reload();
  await expect(page.getByTestId("unlock")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("a changed byte in an encrypted record is caught: recovery screen, nothing overwritten", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "将被篡改的客户" });
  await page.goto("/customers");
  await createCustomer(page, { name: "完好的加密客户" });
  await turnOnEncryption(page);
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("guanxi");
        open.onsuccess = () => {
          const tx = open.result.transaction("customers", "readwrite");
          const store = tx.objectStore("customers");
          const all = store.getAll();
          all.onsuccess = () => {
            const victim = all.result[0];
            victim.enc.ct[5] ^= 1;
            store.put(victim);
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  const tampered = await rawDump(page);
  await page.reload();
  await unlock(page, PASS);
  await expect(page.getByTestId("recovery")).toBeVisible();
  await expect(page.getByTestId("recovery-detail")).toContainText("完整性校验");
  await page.screenshot({ path: "screenshots/fault-tampered-zh-CN-desktop.png" });
  // The readable record can still be exported; the damaged one is not overwritten.
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("recovery-export").click()]);
  const path = join(scratch, "readable.json");
  await file.saveAs(path);
  expect(JSON.parse(readFileSync(path, "utf8")).data.customers).toHaveLength(1);
  expect(await rawDump(page)).toBe(tampered);
});

test("an encrypted backup: unreadable without its passphrase, refused with a wrong one, restored with the right one", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "备份加密客户", phone: "13700001111" });
  await page.goto("/data");
  await page.getByTestId("backup-encrypt").check();
  await page.getByTestId("backup-passphrase").fill("备份口令 long enough");
  await page.getByTestId("backup-passphrase-2").fill("备份口令 long enough");
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("backup-download").click()]);
  const path = join(scratch, "encrypted-backup.json");
  await file.saveAs(path);
  const text = readFileSync(path, "utf8");
  expect(text).toContain("guanxi-backup-encrypted");
  expect(text).toContain("600000");
  expect(text).not.toContain("备份加密客户");
  expect(text).not.toContain("13700001111");

  await page.goto("/settings");
  await page.getByTestId("erase-all").click();
  await page.getByTestId("erase-typed").fill("全部删除");
  await page.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("toast").filter({ hasText: "所有数据已清除" }).first()).toBeVisible();

  await page.goto("/data");
  await page.getByTestId("restore-file").setInputFiles(path);
  await expect(page.getByTestId("backup-unlock")).toContainText("此备份已加密");
  await page.getByTestId("restore-passphrase").fill("wrong passphrase");
  await page.getByTestId("restore-open").click();
  await expect(page.getByTestId("restore-error")).toContainText("口令不正确");
  await expect(page.getByTestId("restore-summary")).toHaveCount(0);

  await page.getByTestId("restore-passphrase").fill("备份口令 long enough");
  await page.getByTestId("restore-open").click();
  await expect(page.getByTestId("restore-summary")).toContainText("1 客户");
  await page.getByTestId("mode-replace").check();
  await page.getByTestId("restore-run").click();
  await page.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("toast").filter({ hasText: "恢复完成" })).toBeVisible();
  await page.goto("/customers");
  await expect(page.getByRole("link", { name: "备份加密客户" })).toBeVisible();
});

test("unlock screen in English at phone width", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openApp(page);
  await page.getByTestId("lang-switch").click();
  await page.goto("/settings");
  await page.getByTestId("new-passphrase").fill(PASS);
  await page.getByTestId("repeat-passphrase").fill(PASS);
  await page.getByTestId("encrypt-submit").click();
  await expect(page.getByTestId("encryption-state")).toContainText("Encrypted");
  await page.screenshot({ path: "screenshots/settings-encryption-en-phone.png", fullPage: true });
  await page.reload();
  await expect(page.getByTestId("unlock")).toContainText("cannot be recovered");
  await page.screenshot({ path: "screenshots/unlock-en-phone.png" });
});

test("turning encryption on in one tab locks the other, which never writes in the clear", async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await openApp(a);
  await createCustomer(a, { name: "两个标签页的客户" });
  await openApp(b);
  await expect(b.getByRole("link", { name: "两个标签页的客户" })).toBeVisible();

  await turnOnEncryption(a);
  // The other tab drops what it showed and asks for the passphrase.
  await expect(b.getByTestId("unlock")).toBeVisible();
  await expect(b.getByRole("link", { name: "两个标签页的客户" })).toHaveCount(0);
  await unlock(b, PASS);
  await b.getByRole("link", { name: "客户", exact: true }).click();
  await createCustomer(b, { name: "乙标签页加密后新建" });
  expect(await rawDump(b)).not.toContain("乙标签页加密后新建");
  // And the first tab sees it, decrypted.
  await expect(a.getByTestId("encryption-state")).toContainText("已加密");
  await a.getByRole("link", { name: "客户", exact: true }).click();
  await expect(a.getByRole("link", { name: "乙标签页加密后新建" })).toBeVisible();
});
