// Service cases end to end: a phone desk logs a case from anywhere (Alt+N), works it to closed
// with the customer's verdict and reopens it; the customer page, the timeline and the day's
// work show it; late cases stand out; the dashboard shows the core's service figures.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createCustomer, forgetToasts, freshToast, openApp, watchErrors } from "./helpers.mjs";

const figures = JSON.parse(readFileSync(new URL("../fixtures/demo-figures.json", import.meta.url), "utf8"));

async function move(page, status, { note, verdict } = {}) {
  await page.getByTestId(`case-move-${status}`).click();
  const dialog = page.getByTestId("dialog");
  await expect(dialog).toBeVisible();
  if (note !== undefined) await dialog.getByTestId("case-move-note").fill(note);
  if (verdict !== undefined) await dialog.getByTestId(`verdict-${verdict}`).check();
  await forgetToasts(page);
  await dialog.getByTestId("dialog-confirm").click();
  await expect(freshToast(page, "工单状态已更新")).toBeVisible();
}

test("a phone desk logs a case with Alt+N, works it to closed with a verdict and reopens it", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await createCustomer(page, { name: "海尔专卖店", phone: "13812345678" });

  // From another page: the shortcut opens the dialog, the caller is found by phone.
  await page.getByRole("link", { name: "跟进" }).first().click();
  await page.keyboard.press("Alt+KeyN");
  const quick = page.getByTestId("quick-case-dialog");
  await expect(quick).toBeVisible();
  await expect(quick.getByTestId("quick-find")).toBeFocused();
  // Digits are matched however they are spaced.
  await quick.getByTestId("quick-find").fill("139 0000");
  await expect(quick.getByTestId("quick-match")).toHaveCount(0);
  await quick.getByTestId("quick-find").fill("138 1234 5678");
  await expect(quick.getByTestId("quick-match")).toHaveCount(1);
  await quick.getByTestId("quick-find").fill("13812345678");
  await expect(quick.getByTestId("quick-match")).toHaveCount(1);
  await expect(quick.locator("li").first()).toContainText("海尔专卖店");
  // Without a choice nothing is written.
  await quick.getByTestId("quick-create").click();
  await expect(page.getByTestId("toast").filter({ hasText: "请先选择或新建客户" })).toBeVisible();
  await quick.getByTestId("quick-match").check();
  await quick.getByTestId("quick-subject").fill("冰箱不制冷");
  await quick.getByTestId("quick-create").click();
  await expect(page.getByTestId("case-subject")).toHaveText("冰箱不制冷");
  await expect(page.getByTestId("case-status")).toHaveText("新建");

  await move(page, "in_progress");
  await expect(page.getByTestId("case-status")).toHaveText("处理中");
  // Resolving needs the resolution.
  await page.getByTestId("case-move-resolved").click();
  await expect(page.getByTestId("dialog-confirm")).toBeDisabled();
  await page.getByTestId("dialog-cancel").click();
  await move(page, "resolved", { note: "更换压缩机" });
  await expect(page.getByTestId("case-resolution")).toHaveText("更换压缩机");
  await move(page, "closed", { verdict: 4 });
  await expect(page.getByTestId("case-status")).toHaveText("已关闭");
  await expect(page.locator(".case-facts")).toContainText("4 分");

  await page.reload();
  await expect(page.getByTestId("case-status")).toHaveText("已关闭");
  await move(page, "in_progress", { note: "又不制冷" });
  await expect(page.getByTestId("case-reopened")).toHaveText("重开 1 次");
  await expect(page.getByTestId("case-history").locator("li")).toHaveCount(5);

  // The customer page shows the open case and its steps in the timeline.
  await page.getByTestId("case-customer").click();
  await expect(page.getByTestId("customer-name")).toHaveText("海尔专卖店");
  await expect(page.getByTestId("customer-cases").getByTestId("case-row")).toHaveCount(1);
  await expect(page.getByTestId("timeline-case")).toHaveCount(5);
  await expect(page.getByTestId("timeline-case").first()).toContainText("又不制冷");
  // And the day's work lists it among the open cases.
  await page.getByRole("link", { name: "跟进" }).first().click();
  await expect(page.getByTestId("my-open-cases").getByTestId("case-row")).toHaveCount(1);

  // A caller not on file becomes a customer with the typed number, in the same write.
  await page.getByTestId("quick-case").click();
  await quick.getByTestId("quick-find").fill("13900001111");
  await quick.getByTestId("quick-new-customer").check();
  await quick.getByTestId("quick-subject").fill("咨询保修期限");
  await quick.getByTestId("quick-create").click();
  await expect(page.getByTestId("case-subject")).toHaveText("咨询保修期限");
  await expect(page.getByTestId("case-customer")).toHaveText("13900001111");
  await page.getByTestId("case-customer").click();
  await expect(page.getByText("13900001111").first()).toBeVisible();
  expect(errors).toEqual([]);
});

test("the case form checks its fields, edits keep the status, and the list filters live in the URL", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await createCustomer(page, { name: "新天地商场" });
  await page.getByTestId("customer-new-case").click();
  await expect(page.getByTestId("case-customer-name")).toHaveText("新天地商场");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("case-subject-error")).toHaveText("必填");
  await page.locator("#case-subject").fill("空调漏水");
  await page.locator("#case-kind").selectOption({ label: "维修" });
  await page.locator("#case-priority").selectOption({ label: "紧急" });
  await page.getByTestId("save").click();
  await expect(page.getByTestId("case-subject")).toHaveText("空调漏水");
  await move(page, "waiting");
  await page.getByTestId("edit-case").click();
  await page.locator("#case-subject").fill("空调接口漏水");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("case-subject")).toHaveText("空调接口漏水");
  await expect(page.getByTestId("case-status")).toHaveText("等待客户");

  await page.getByRole("link", { name: "服务" }).first().click();
  await expect(page.getByTestId("case-row")).toHaveCount(1);
  await page.getByTestId("case-kind-filter").selectOption({ label: "投诉" });
  await expect(page).toHaveURL(/kind=complaint/);
  await expect(page.getByTestId("cases-none")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("case-kind-filter")).toHaveValue("complaint");
  await page.getByTestId("case-kind-filter").selectOption({ label: "维修" });
  await expect(page.getByTestId("case-row")).toHaveCount(1);
  await page.getByTestId("case-status-filter").selectOption({ label: "已关闭" });
  await expect(page.getByTestId("cases-none")).toBeVisible();
  expect(errors).toEqual([]);
});

test("late cases stand out, targets come from Settings, and the dashboard shows the core's service figures for the demo", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "UTC" });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(figures.now));
  const errors = watchErrors(page);
  await openApp(page, "/settings");
  await page.getByTestId("demo-100").click();
  await expect(page.getByTestId("toast").filter({ hasText: "演示客户" })).toBeVisible({ timeout: 60_000 });

  await page.getByRole("link", { name: "分析" }).first().click();
  const cases = page.getByTestId("fig-cases");
  await expect(cases.getByTestId("figure-value")).toHaveText(String(figures.year_cases_opened));
  await expect(page.getByTestId("fig-satisfaction").getByTestId("figure-value")).toHaveText(figures.year_satisfaction);
  const inTime = page.getByTestId("fig-resolved-in-time");
  await inTime.locator("summary").first().click();
  await expect(inTime.getByTestId("arithmetic")).toHaveText(figures.year_resolved_in_time_working);
  await inTime.getByTestId("figure-records").click();
  await expect(page).toHaveURL(/\/cases\?status=all&p=\d{4}$/);
  // The list shows exactly the cases the figures counted: those opened in the dashboard's year.
  await expect(page.getByTestId("case-period-chip")).toHaveText(/^开立于 \d{4}年/);
  await expect(page.getByTestId("case-count")).toHaveText(`${figures.year_cases_opened} 个工单`);
  await expect(page.getByTestId("case-row")).toHaveCount(figures.year_cases_opened);

  // A quarter's figure links to that quarter's cases, as many as it shows.
  // In-app navigation, so the figures are read from data already loaded (a reload would
  // show them before storage has been read).
  await page.getByRole("link", { name: "分析" }).first().click();
  await expect(cases.getByTestId("figure-value")).toHaveText(String(figures.year_cases_opened));
  await page.getByTestId("period-kind").selectOption("quarter");
  await expect(page).toHaveURL(/p=\d{4}-Q\d/);
  await expect(page.getByTestId("period-label")).toContainText("季度");
  const quarterCases = Number(await cases.getByTestId("figure-value").textContent());
  await cases.locator("summary").first().click();
  await cases.getByTestId("figure-records").click();
  await expect(page).toHaveURL(/\/cases\?status=all&p=\d{4}-Q\d$/);
  await expect(page.getByTestId("case-period-chip")).toContainText("季度");
  if (quarterCases > 0) {
    await expect(page.getByTestId("case-count")).toHaveText(`${quarterCases} 个工单`);
  } else {
    await expect(page.getByTestId("cases-none")).toBeVisible();
  }
  await expect(page.getByTestId("case-row")).toHaveCount(quarterCases);
  // Clearing the chip drops the period from the URL and lists every case again.
  await page.getByTestId("case-period-clear").click();
  await expect(page).not.toHaveURL(/p=/);
  await expect(page.getByTestId("case-period-chip")).toHaveCount(0);
  expect(await page.getByTestId("case-row").count()).toBeGreaterThanOrEqual(quarterCases);

  // Only late cases: every row is marked, and the filter survives a reload.
  await page.getByTestId("case-status-filter").selectOption("");
  await page.getByTestId("case-late-filter").check();
  await expect(page).toHaveURL(/late=1/);
  const late = page.getByTestId("case-row");
  const n = await late.count();
  expect(n).toBeGreaterThan(0);
  await expect(page.getByTestId("case-late")).toHaveCount(n);
  // Generous targets for every priority make nothing late.
  await page.getByRole("link", { name: "设置" }).first().click();
  const card = page.getByTestId("service-card");
  for (const p of ["urgent", "high", "normal", "low"]) {
    await card.getByTestId(`respond-${p}`).fill("8760");
    await card.getByTestId(`respond-${p}`).press("Enter");
    await card.getByTestId(`resolve-${p}`).fill("8760");
    await card.getByTestId(`resolve-${p}`).press("Enter");
  }
  await card.getByTestId("respond-low").fill("0");
  await card.getByTestId("respond-low").press("Enter");
  await expect(card.getByTestId("service-error")).toHaveText("请输入 1 到 8760 之间的整数小时");
  // A reload while a save is still being written would abandon it: wait until none is.
  await expect(card).toHaveAttribute("aria-busy", "false");
  await page.reload();
  await expect(card.getByTestId("resolve-low")).toHaveValue("8760");
  await expect(card.getByTestId("respond-urgent")).toHaveValue("8760");
  // Only cases open for more than a year stay late.
  await page.goto("/cases?late=1");
  await expect(page.getByTestId("case-count").or(page.getByTestId("cases-none"))).toBeVisible();
  expect(await page.getByTestId("case-row").count()).toBeLessThan(n);
  expect(errors).toEqual([]);
  await context.close();
});

test("the knowledge base: write an article, find it while handling a case, cite it, see it among the most cited", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await createCustomer(page, { name: "滨江物业" });
  await page.goto("/knowledge");
  await expect(page.getByText("还没有文章")).toBeVisible();
  await page.getByTestId("new-article").click();
  await page.getByTestId("save").click();
  await expect(page.getByTestId("article-title-error")).toHaveText("必填");
  await page.locator("#article-title").fill("冰箱不制冷的排查");
  await page.locator("#article-tags").fill("冰箱，制冷");
  await page.locator("#article-body").fill("先检查温控器，再检查压缩机。");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("toast").filter({ hasText: "文章已保存" })).toBeVisible();

  await page.goto("/customers");
  await page.getByText("滨江物业").first().click();
  await page.getByTestId("customer-new-case").click();
  await page.locator("#case-subject").fill("冷藏室不冷");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("case-subject")).toHaveText("冷藏室不冷");
  const cite = page.getByTestId("case-article");
  await cite.getByTestId("article-find").fill("温控器");
  await expect(cite.getByTestId("cite")).toHaveCount(1);
  await cite.getByTestId("cite").click();
  await expect(cite.getByTestId("cited-article")).toHaveText("冰箱不制冷的排查");
  await page.reload();
  await expect(page.getByTestId("cited-article")).toHaveText("冰箱不制冷的排查");

  await page.goto("/knowledge");
  await expect(page.getByTestId("most-cited")).toContainText("冰箱不制冷的排查");
  await expect(page.getByTestId("most-cited")).toContainText("被 1 个工单引用");
  await page.getByTestId("article-search").fill("洗衣机");
  await expect(page.getByTestId("articles-none")).toBeVisible();
  await expect(page).toHaveURL(/q=/);
  await page.getByTestId("article-search").fill("压缩机");
  await expect(page.getByTestId("article-row")).toHaveCount(1);

  // Deleted, it waits in the trash and comes back with its citation intact.
  await page.getByTestId("article-row").getByRole("link").click();
  await page.getByTestId("delete-article").click();
  await page.getByTestId("dialog-confirm").click();
  // A full page load abandons a write still under way: wait until the app says it is done.
  await expect(page.getByTestId("toast").filter({ hasText: "已移入回收站" })).toBeVisible();
  await expect(page).toHaveURL(/\/knowledge$/);
  await page.goto("/trash");
  await page.getByTestId("restore-trash-article-row").click();
  await expect(page.getByTestId("toast").filter({ hasText: "已恢复" })).toBeVisible();
  await page.goto("/knowledge");
  await expect(page.getByTestId("most-cited")).toContainText("冰箱不制冷的排查");
  expect(errors).toEqual([]);
});

test("case kinds are edited in Settings field by field, quick edits in a row all stay, and the case form offers them", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, "/settings");
  const card = page.getByTestId("service-card");
  const rows = card.getByTestId("case-kind-row");
  const before = await rows.count();
  await card.getByTestId("add-case-kind").click();
  await expect(rows).toHaveCount(before + 1);
  const added = rows.last();
  // Typed one after another without waiting for each save: none is lost to a later one.
  await added.getByTestId("case-kind-zh").fill("安装");
  await added.getByTestId("case-kind-zh").press("Tab");
  await added.getByTestId("case-kind-en").fill("Installation");
  await added.getByTestId("case-kind-en").press("Tab");
  await added.getByTestId("case-kind-complaint").check();
  await card.getByTestId("respond-normal").fill("12");
  await card.getByTestId("respond-normal").press("Enter");
  await expect(card).toHaveAttribute("aria-busy", "false");
  await page.reload();
  await expect(rows).toHaveCount(before + 1);
  await expect(rows.last().getByTestId("case-kind-zh")).toHaveValue("安装");
  await expect(rows.last().getByTestId("case-kind-en")).toHaveValue("Installation");
  await expect(rows.last().getByTestId("case-kind-complaint")).toBeChecked();
  await expect(card.getByTestId("respond-normal")).toHaveValue("12");

  await page.goto("/cases/new");
  await expect(page.locator("#case-kind option", { hasText: "安装" })).toHaveCount(1);
  // Removed by its own button; the other kinds keep their names.
  await page.goto("/settings");
  await rows.last().getByRole("button", { name: /安装/ }).click();
  await expect(rows).toHaveCount(before);
  await expect(rows.first().getByTestId("case-kind-zh")).toHaveValue("投诉");
  expect(errors).toEqual([]);
});
