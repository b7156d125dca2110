// Search everything, the static shell painted before the wasm, and the service settings card,
// in zh-CN and en, at desktop and phone width, light and dark, saved under screenshots/.
import { test, expect } from "@playwright/test";
import { openApp, screenshotTests } from "./helpers.mjs";

screenshotTests(test, expect, "search", async ({ page, shot, lang }) => {
  // The shell, with the wasm held back.
  let release;
  const released = new Promise((r) => (release = r));
  await page.route("**/*.wasm", async (route) => {
    await released;
    await route.continue();
  });
  await page.goto("/customers", { waitUntil: "domcontentloaded" });
  await expect(page.locator("#boot")).toBeVisible();
  await shot("shell", { dark: true });
  release();
  await expect(page.locator("#boot")).toHaveCount(0);

  await openApp(page, "/settings");
  await page.getByTestId("demo-100").click();
  await expect(page.getByTestId("toast").filter({ hasText: lang.loaded })).toBeVisible({ timeout: 60_000 });
  await page.getByTestId("service-card").scrollIntoViewIfNeeded();
  await page.getByTestId("service-card").screenshot({ path: `screenshots/settings-service-${lang.tag}-${page.viewportSize().width > 600 ? "desktop" : "phone"}.png` });

  await page.goto("/customers");
  await page.getByTestId("global-search").click();
  await expect(page.getByTestId("search-status")).toBeVisible();
  await shot("search-empty", { dark: true });
  // A letter that appears in names in both languages' demo data.
  await page.getByTestId("search-input").fill(lang.tag === "en" ? "an" : "zh");
  await expect(page.getByTestId("search-hit").first()).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await shot("search", { dark: true });
});
