// The analysis issue end to end: a customer's lifecycle history with the reason asked when it
// is being lost, churn reasons and margin in Settings, and payments on won deals.
import { test, expect } from "@playwright/test";
import { createCustomer, openApp, watchErrors } from "./helpers.mjs";

const today = () => {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

test("moving a customer to decline asks why; the history keeps every move", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await createCustomer(page, { name: "江南纺织" });
  const history = page.getByTestId("lifecycle-history");
  await expect(history.locator("li")).toHaveCount(1);
  await expect(history).toContainText("始于潜在期");

  await page.getByTestId("edit-customer").click();
  await page.locator("#lifecycle").selectOption({ label: "成长期" });
  // No reason is asked for growth.
  await expect(page.getByTestId("lifecycle-reason")).toHaveCount(0);
  await page.getByTestId("save").click();
  await expect(history.locator("li")).toHaveCount(2);

  await page.getByTestId("edit-customer").click();
  await page.locator("#lifecycle").selectOption({ label: "衰退期" });
  await expect(page.getByTestId("lifecycle-reason")).toBeVisible();
  // The reasons are Chinese only on a Chinese screen.
  await expect(page.getByTestId("lifecycle-reason").locator("option")).toHaveText(
    ["请选择原因", "价格", "服务", "竞争对手", "不再需要", "搬迁", "其他"]);
  await page.getByTestId("save").click();
  await expect(page.getByTestId("lifecycle_reason-error")).toHaveText("必填");
  await page.getByTestId("lifecycle-reason").selectOption({ label: "竞争对手" });
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText("江南纺织");
  await expect(history.locator("li").first()).toContainText(`${today()} 成长期 → 衰退期 · 竞争对手`);

  await page.reload();
  await expect(history.locator("li")).toHaveCount(3);
  await expect(history.locator("li").first()).toContainText("竞争对手");
  // Referred by another customer, picked by typing part of its name.
  await page.goto("/customers");
  await createCustomer(page, { name: "太湖丝绸" });
  await page.getByTestId("edit-customer").click();
  await page.getByTestId("referrer-search").fill("江南");
  await page.getByTestId("referrer-candidate").first().check();
  await expect(page.getByTestId("referred-by")).toContainText("江南纺织");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("referred-by-link")).toHaveText("江南纺织");
  await page.getByTestId("referred-by-link").click();
  await expect(page.getByTestId("customer-name")).toHaveText("江南纺织");

  // English shows the same stored reason in English.
  await page.getByTestId("lang-switch").click();
  await expect(history.locator("li").first()).toContainText("Growth → Decline · Competitor");
  await expect(history.locator("li").last()).toContainText("Started in Prospect");
  expect(errors).toEqual([]);
});

test("churn reasons and margin are set in Settings; won deals take payments until paid", async ({ page }) => {
  const errors = watchErrors(page);
  // Opened from the list once the data has loaded, so typing is not overtaken by the load.
  await openApp(page);
  await expect(page.getByTestId("empty-customers").or(page.getByText("还没有客户"))).toBeVisible();
  await page.getByRole("link", { name: "设置" }).first().click();
  const card = page.getByTestId("value-card");
  await card.getByTestId("default-margin").fill("130");
  await card.getByTestId("default-margin").press("Enter");
  await expect(card.getByTestId("value-error")).toBeVisible();
  await card.getByTestId("default-margin").fill("35");
  await card.getByTestId("default-margin").press("Enter");
  await expect(page.getByTestId("toast").filter({ hasText: "已保存" }).first()).toBeVisible();
  await card.getByTestId("reasons-churn").fill("价格 Price\n物流太慢\n\n价格 Price");
  await card.getByTestId("reasons-churn").blur();
  await page.reload();
  await expect(page.getByTestId("default-margin")).toHaveValue("35");
  await expect(page.getByTestId("reasons-churn")).toHaveValue("价格 Price\n物流太慢");

  await page.goto("/customers");
  await createCustomer(page, { name: "北方重工" });
  await page.getByTestId("customer-new-opportunity").click();
  await page.locator("#opp-title").fill("产线改造");
  await page.locator("#amount").fill("1000");
  await page.getByTestId("opp-stage").selectOption("won");
  await page.locator("#close-reason-field").fill("价格优势 Price");
  await page.getByTestId("save").click();
  const win = page.getByTestId("win-dialog");
  await win.getByTestId("win-lifecycle-yes").click();
  const deal = page.getByTestId("customer-opportunity").filter({ hasText: "产线改造" });
  await expect(deal.getByTestId("deal-paid")).toHaveText("已回款 ¥0 · 待回款 ¥1,000");
  await expect(page.getByTestId("customer-owed")).toContainText("¥1,000");

  await deal.getByTestId("record-payment").click();
  const dialog = page.getByTestId("dialog");
  await dialog.getByTestId("collected").fill("1200");
  await dialog.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("collected-error")).toHaveText("超过了尚未回款的金额");
  await page.getByTestId("collected").fill("300");
  await page.getByTestId("dialog-confirm").click();
  await expect(deal.getByTestId("deal-paid")).toHaveText("已回款 ¥300 · 待回款 ¥700");
  await deal.getByTestId("record-payment").click();
  await expect(page.getByTestId("collection")).toHaveCount(1);
  await page.getByTestId("collected").fill("700");
  await page.getByTestId("dialog-confirm").click();
  await expect(deal.getByTestId("deal-paid")).toHaveText("已回款 ¥1,000 · 待回款 ¥0");
  await expect(page.getByTestId("customer-owed")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("customer-opportunity").filter({ hasText: "产线改造" }).getByTestId("deal-paid"))
    .toHaveText("已回款 ¥1,000 · 待回款 ¥0");

  // A contact logged with what the customer said about competitors and about us.
  await page.locator("#interaction-summary").fill("拜访设备部");
  await page.getByTestId("interaction-more").locator("summary").click();
  await page.locator("#interaction-competitor").fill("对手报价低一成");
  await page.locator("#interaction-opinion").fill("希望月结");
  await page.getByTestId("save-interaction").click();
  await expect(page.getByTestId("timeline")).toContainText("竞争对手动态：对手报价低一成");
  // The daily report has the win, the day's payments and both notes.
  await page.goto("/report");
  await expect(page.getByTestId("report-won")).toContainText("产线改造");
  await expect(page.getByTestId("report-collected")).toContainText("¥1,000");
  await expect(page.getByTestId("report-competitor")).toHaveText("竞争对手动态：对手报价低一成");
  await expect(page.getByTestId("report-opinion")).toHaveText("客户意见：希望月结");
  expect(errors).toEqual([]);
});

// The figures the core computes for the same demo on the same day (crates/guanxi-core/tests/demo_figures.rs).
import { readFileSync } from "node:fs";
const figures = JSON.parse(readFileSync("tests/fixtures/demo-figures.json", "utf8"));

/** A Chinese page on the fixtures' day with the 100-customer demo loaded. */
async function demoOnFixedDay(browser) {
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "UTC" });
  const page = await context.newPage();
  // The demo is generated from "today"; the day is fixed so the figures are known in advance.
  await page.clock.setFixedTime(new Date(figures.now));
  const errors = watchErrors(page);
  await openApp(page, "/settings");
  await page.getByTestId("demo-100").click();
  await expect(page.getByTestId("toast").filter({ hasText: "演示客户" })).toBeVisible({ timeout: 60_000 });
  return { context, page, errors };
}

test("the dashboard shows the core's figures for the demo, links to its records, and ABC classes and churn follow the data", async ({ browser }) => {
  const { context, page, errors } = await demoOnFixedDay(browser);

  await page.getByRole("link", { name: "分析" }).first().click();
  await expect(page.getByTestId("period-label")).toHaveText("2026年");
  const value = page.getByTestId("fig-value");
  await expect(value.getByTestId("figure-value")).toHaveText(figures.year_value);
  const churn = page.getByTestId("fig-churn-rate");
  await expect(churn.getByTestId("figure-value")).toHaveText(figures.year_churn_rate);
  await churn.locator("summary").first().click();
  await expect(churn.getByTestId("arithmetic")).toHaveText(figures.year_churn_working);

  // ABC: the computed classes, the changes shown first, then written at once.
  await page.locator(".analysis-tabs a", { hasText: "ABC 分类" }).click();
  await expect(page.getByTestId("abc-table")).toBeVisible();
  await expect(page.getByTestId("abc-figure-A").getByTestId("figure-value")).toContainText(`${figures.year_a_customers} 位客户`);
  const apply = page.getByTestId("abc-apply");
  await expect(apply).toHaveText(`应用这些分类（${figures.year_class_changes} 项变更）`);
  if (figures.year_class_changes > 0) {
    await apply.click();
    await expect(page.getByTestId("abc-changes").locator("li")).toHaveCount(Math.min(figures.year_class_changes, 20));
    await page.getByTestId("dialog-confirm").click();
    await expect(page.getByTestId("toast").filter({ hasText: `已更新 ${figures.year_class_changes} 位客户的价值等级` })).toBeVisible();
    await expect(apply).toHaveText("应用这些分类（0 项变更）");
    await expect(apply).toBeDisabled();
  }
  // Following the A figure to its list: the customers now stored as A.
  await page.getByTestId("abc-figure-A").getByTestId("figure-records").click();
  await expect(page).toHaveURL(/\/customers\?class=A&archived=all/);
  await expect(page.getByTestId("customer-row")).toHaveCount(figures.year_a_customers);

  // Churn in November, then one more customer terminated with a reason.
  await page.goto("/analysis/churn?p=2026-11");
  const churned = page.getByTestId("fig-churned").getByTestId("figure-value");
  await expect(churned).toHaveText(String(figures.november_churned));
  await page.goto("/customers?stage=growth");
  await page.locator("[data-testid=customer-row] .cell-main a").first().click();
  const name = await page.getByTestId("customer-name").textContent();
  await page.getByTestId("edit-customer").click();
  await page.locator("#lifecycle").selectOption({ label: "终止期" });
  await page.getByTestId("lifecycle-reason").selectOption({ label: "服务" });
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText(name);
  await page.goto("/analysis/churn?p=2026-11");
  await expect(churned).toHaveText(String(figures.november_churned + 1));
  // The month's rate on the line chart's table matches the figure.
  const rate = await page.getByTestId("fig-churn-rate").getByTestId("figure-value").textContent();
  await page.getByTestId("churn-rate-chart").locator("summary").click();
  await expect(page.getByTestId("churn-rate-chart").locator("tbody tr").first()).toContainText(rate);
  await expect(page.getByTestId("churn-reason").filter({ hasText: "服务" })).toBeVisible();
  await page.getByTestId("fig-churned").locator("summary", { hasText: "查看" }).click();
  await expect(page.getByTestId("fig-churned").getByRole("link", { name })).toBeVisible();
  expect(errors).toEqual([]);
  await context.close();
});

test("the pivot counts customers by industry and stage, drills into a cell and exports its table", async ({ browser }) => {
  const { context, page, errors } = await demoOnFixedDay(browser);
  await page.getByRole("link", { name: "分析" }).first().click();
  await page.locator(".analysis-tabs a", { hasText: "透视" }).click();
  await page.getByTestId("pivot-rows").selectOption("industry");
  await page.getByTestId("pivot-cols").selectOption("lifecycle");
  await page.getByTestId("pivot-measure").selectOption("customers");
  await expect(page).toHaveURL(/rows=industry/);
  // Every demo customer existed by the end of 2026.
  await expect(page.getByTestId("pivot-grand-total")).toHaveText("100");
  const cell = page.getByTestId("pivot-cell").first();
  const n = Number(await cell.textContent());
  await cell.click();
  await expect(page.getByTestId("pivot-drill").getByRole("link")).toHaveCount(n);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("pivot-export").click()]);
  const csv = readFileSync(await download.path(), "utf8");
  expect(csv.startsWith("\uFEFF")).toBe(true);
  expect(csv).toContain("潜在期");
  expect(csv.trim().split(/\r?\n/).at(-1)).toMatch(/,100$/);
  // The choice survives a reload.
  await page.reload();
  await expect(page.getByTestId("pivot-grand-total")).toHaveText("100");
  expect(errors).toEqual([]);
  await context.close();
});
