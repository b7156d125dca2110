// Storage failures reach the user by name, in their language, and "Saved" is never shown for
// a write that failed: IndexedDB over its quota (shrunk through the DevTools protocol) and a
// full localStorage. Nothing half-written remains.
import { test, expect } from "@playwright/test";
import { createCustomer, openApp } from "./helpers.mjs";

test("over the quota: the save is refused by name and nothing is stored", async ({ page, baseURL }) => {
  // The override must be in place before the origin's storage is first opened.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin: new URL(baseURL).origin, quotaSize: 1024 * 1024 });
  await openApp(page);
  await createCustomer(page, { name: "配额测试客户" });

  await page.locator("#interaction-summary").fill("超出配额的记录");
  await page.getByTestId("interaction-files").setInputFiles({
    name: "big.bin", mimeType: "application/octet-stream", buffer: Buffer.alloc(3 * 1024 * 1024, 7),
  });
  await page.getByTestId("save-interaction").click();
  await expect(page.getByTestId("toast").filter({ hasText: "存储空间已满" })).toBeVisible();
  await expect(page.getByTestId("timeline-interaction")).toHaveCount(0);
  await page.screenshot({ path: "screenshots/fault-quota-zh-CN-desktop.png" });
  // The form keeps what was typed, so nothing the user wrote is lost.
  await expect(page.locator("#interaction-summary")).toHaveValue("超出配额的记录");

  await cdp.send("Storage.overrideQuotaForOrigin", { origin: new URL(baseURL).origin });
  await page.reload();
  await expect(page.getByTestId("customer-name")).toHaveText("配额测试客户");
  await expect(page.getByTestId("timeline-interaction")).toHaveCount(0);
});

test("a full localStorage: the language still switches and the user is told it was not kept", async ({ page }) => {
  await openApp(page);
  // Fill to the last byte: big chunks first, then ever smaller ones.
  const filled = await page.evaluate(() => {
    let name = "never full";
    let i = 0;
    for (let size = 1024 * 1024; size >= 1; size = Math.floor(size / 2)) {
      const chunk = "x".repeat(size);
      for (;;) {
        try {
          localStorage.setItem(`fill-${i++}`, chunk);
        } catch (e) {
          name = e.name;
          break;
        }
      }
    }
    return name;
  });
  expect(filled).toBe("QuotaExceededError");
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("h1")).toHaveText("Customers");
  const toast = page.getByTestId("toast").filter({ hasText: "QuotaExceededError" });
  await expect(toast).toContainText("could not be kept");
  await page.screenshot({ path: "screenshots/fault-localstorage-full-en-desktop.png" });
});
