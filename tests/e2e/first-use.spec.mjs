// A first-time user's path (issue 11): every section reachable on a phone, back links that say
// where they go, one success toast at a time, lists punctuated by the UI language, and landmark
// and control names in the user's language.
import { test, expect } from "@playwright/test";
import { createCustomer, openApp, watchErrors } from "./helpers.mjs";

test("at 360 px a menu reaches every section; Escape folds it and gives the focus back", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await openApp(page);
  const nav = page.getByRole("navigation", { name: "主导航" });
  const toggle = page.getByTestId("menu-toggle");
  await expect(nav).toBeHidden();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(toggle).toHaveAccessibleName("菜单");

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  for (const name of ["客户", "商机", "数据", "设置"]) {
    const link = nav.getByRole("link", { name, exact: true });
    await expect(link).toBeVisible();
    // Inside the narrow screen, not scrolled off its side.
    const box = await link.boundingBox();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
  }
  await nav.getByRole("link", { name: "设置", exact: true }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(nav).toBeHidden();

  await toggle.click();
  await nav.getByRole("link", { name: "数据", exact: true }).focus();
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(toggle).toBeFocused();
  // Escape also folds it with the focus on the toggle, and a tap on the page below does too.
  await toggle.click();
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await toggle.click();
  await page.mouse.click(180, 700);
  await expect(nav).toBeHidden();
  // Nothing on the page is wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(errors).toEqual([]);
  await context.close();
});

test("the new-opportunity form says it goes back to the customer, and does", async ({ page }) => {
  await openApp(page);
  // On a desktop the sections are all in the bar; there is no menu button.
  await expect(page.getByTestId("menu-toggle")).toBeHidden();
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "设置" })).toBeVisible();
  await createCustomer(page, { name: "返程测试公司" });
  await page.getByTestId("customer-new-opportunity").click();
  await expect(page.getByTestId("back-link")).toHaveText("← 返回客户：返程测试公司");
  await page.getByTestId("back-link").click();
  await expect(page.getByTestId("customer-name")).toHaveText("返程测试公司");
});

test("success toasts do not pile up: each save replaces the last", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "吐司测试" });
  for (const summary of ["第一次", "第二次", "第三次"]) {
    await page.locator("#interaction-summary").fill(summary);
    await page.getByTestId("save-interaction").click();
    await expect(page.getByTestId("timeline-interaction").filter({ hasText: summary })).toBeVisible();
  }
  // The customer's creation and three saves within three seconds: one toast on screen.
  await expect(page.getByTestId("toast")).toHaveCount(1);
});

test("English lists are separated by commas, Chinese ones by 、; landmarks are named in the language", async ({ browser }) => {
  for (const [locale, missing, pages, main] of [
    ["en", /^Missing: [^、]+, [^、]+/, "Pages", "Main"],
    ["zh-CN", /^缺少：[^,]+、[^,]+/, "分页", "主导航"],
  ]) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await openApp(page);
    await createCustomer(page, { name: "Sparse Ltd" });
    await expect(page.getByTestId("completeness").locator("p.small")).toHaveText(missing);
    await expect(page.getByRole("navigation", { name: main })).toBeVisible();
    await page.goto("/settings");
    await page.getByTestId("demo-100").click();
    await expect(page.getByTestId("toast").filter({ hasText: /演示客户|demo customers loaded/ })).toBeVisible({ timeout: 60_000 });
    await page.goto("/customers");
    await expect(page.getByTestId("customer-row")).toHaveCount(50, { timeout: 60_000 });
    await expect(page.getByRole("navigation", { name: pages })).toBeVisible();
    await context.close();
  }
});
