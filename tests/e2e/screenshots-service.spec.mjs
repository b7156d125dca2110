// The service screens in zh-CN and en, at desktop and phone width, light and dark, saved under
// screenshots/ for people to look at. Each must render without a page error.
import { test, expect } from "@playwright/test";
import { openApp, screenshotTests } from "./helpers.mjs";

screenshotTests(test, expect, "service pages", async ({ page, shot, lang, size }) => {
  await openApp(page, "/cases");
  await expect(page.getByTestId("new-case")).toBeVisible();
  await shot("cases-empty");
  await page.goto("/settings");
  await page.getByTestId("demo-100").click();
  await expect(page.getByTestId("toast").filter({ hasText: lang.loaded })).toBeVisible({ timeout: 60_000 });
  await page.getByTestId("service-card").scrollIntoViewIfNeeded();
  await page.getByTestId("service-card").screenshot({ path: `screenshots/settings-service-${lang.tag}-${size.label}.png` });

  await page.goto("/cases?status=all");
  await expect(page.getByTestId("case-row").first()).toBeVisible();
  await shot("cases-list", { dark: true });
  await page.goto("/cases?late=1");
  await page.getByTestId("case-link").first().click();
  await expect(page.getByTestId("case-subject")).toBeVisible();
  await shot("case-detail", { dark: true });
  await page.getByTestId("case-actions").locator("button").last().click();
  await expect(page.getByTestId("dialog")).toBeVisible();
  await shot("case-move-dialog");
  await page.getByTestId("dialog-cancel").click();
  await page.getByTestId("case-customer").click();
  await expect(page.getByTestId("customer-cases")).toBeVisible();
  await shot("customer-detail-cases");
  await page.goto("/cases/new");
  await expect(page.getByTestId("case-form")).toBeVisible();
  await page.getByTestId("save").click();
  await shot("case-form-errors", { dark: true });
  await page.goto("/knowledge");
  await expect(page.getByTestId("article-row").first()).toBeVisible();
  await shot("knowledge", { dark: true });
  await page.getByTestId("article-row").first().getByRole("link").click();
  await expect(page.getByTestId("article-form")).toBeVisible();
  await shot("knowledge-article");
  await page.keyboard.press("Alt+KeyN");
  await page.getByTestId("quick-find").fill(lang.tag === "en" ? "a" : "公司");
  await expect(page.getByTestId("quick-match").first()).toBeVisible();
  await shot("quick-case", { dark: true });
  await page.keyboard.press("Escape");
  await page.goto(`/analysis?p=${new Date().getFullYear()}`);
  await expect(page.getByTestId("service-figures")).toBeVisible();
  await page.getByTestId("service-figures").scrollIntoViewIfNeeded();
  await page.getByTestId("service-figures").screenshot({ path: `screenshots/analysis-service-${lang.tag}-${size.label}.png` });
  await page.goto("/follow-ups");
  await expect(page.getByTestId("my-open-cases")).toBeVisible();
  await shot("follow-ups-cases");
});
