// The greeting screen and the holidays card in zh-CN and en, at desktop and phone width, light
// and dark, saved under screenshots/ for people to look at. Each must render without a page error.
import { test, expect } from "@playwright/test";
import { openApp, screenshotTests } from "./helpers.mjs";

screenshotTests(test, expect, "greetings", async ({ page, shot, lang, size }) => {
  await openApp(page, "/greetings");
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await shot("greetings-empty", { dark: true });

  await page.goto("/settings");
  await page.getByTestId("demo-100").click();
  await expect(page.getByTestId("toast").filter({ hasText: lang.loaded })).toBeVisible({ timeout: 60_000 });
  await page.getByTestId("holidays-card").scrollIntoViewIfNeeded();
  await page.getByTestId("holidays-card").screenshot({ path: `screenshots/settings-holidays-${lang.tag}-${size.label}.png` });

  await page.goto("/greetings?holiday=spring_festival&year=2027");
  await page.getByTestId("greet-segment").first().locator("input").check();
  await page.getByTestId("greet-segment").nth(1).locator("input").check();
  await expect(page.getByTestId("greet-customer").first()).toBeVisible();
  await page.getByTestId("greet-plan").click();
  await expect(page.getByTestId("greet-see-day")).toBeVisible();
  await shot("greetings", { dark: true });

  await page.goto("/greetings?holiday=mid_autumn&year=2030");
  await expect(page.getByTestId("greet-date-missing")).toBeVisible();
  await shot("greetings-date-missing", { dark: true });
});
