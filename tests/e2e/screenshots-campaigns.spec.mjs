// The campaign screens in zh-CN and en, at desktop and phone width, light and dark, saved under
// screenshots/ for people to look at. Each must render without a page error.
import { test, expect } from "@playwright/test";
import { openApp, screenshotTests } from "./helpers.mjs";

screenshotTests(test, expect, "campaign pages", async ({ page, shot, lang, size }) => {
  await openApp(page, "/campaigns");
  await expect(page.getByTestId("new-campaign")).toBeVisible();
  await shot("campaigns-empty", { dark: true });
  await page.goto("/settings");
  await page.getByTestId("demo-100").click();
  await expect(page.getByTestId("toast").filter({ hasText: lang.loaded })).toBeVisible({ timeout: 60_000 });

  await page.goto("/campaigns");
  await expect(page.getByTestId("campaign-row")).toHaveCount(3);
  await shot("campaigns-list", { dark: true });
  // The trade fair: the oldest, listed last.
  await page.getByTestId("campaign-row").last().getByRole("link").click();
  await expect(page.getByTestId("member-row").first()).toBeVisible();
  await page.getByTestId("fig-roi").locator("summary").click();
  await shot("campaign-detail", { dark: true });
  await page.getByTestId("leads-file").setInputFiles({
    name: "cards.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("姓名,公司,职位,手机\n张伟,星辰科技,经理,13800138000\n,,,\n"),
  });
  await expect(page.getByTestId("leads-preview")).toBeVisible();
  await page.getByTestId("leads-card").scrollIntoViewIfNeeded();
  await page.getByTestId("leads-card").screenshot({ path: `screenshots/campaign-leads-${lang.tag}-${size.label}.png` });
  await page.goto("/campaigns/new");
  await page.locator("#campaign-starts").fill("2026-03-03");
  await page.locator("#campaign-ends").fill("2026-03-01");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("campaign-name-error")).toBeVisible();
  await shot("campaign-form-errors", { dark: true });
});
