// Holiday greetings (issue 13): a saved segment's customers listed for a holiday with opted-out
// ones left out and counted, the list as CSV, greeting follow-ups planned once, a lunar
// holiday's missing year entered on the spot, and holidays managed in Settings.
import { test, expect } from "@playwright/test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCustomer, openApp, watchErrors } from "./helpers.mjs";

const scratch = mkdtempSync(join(tmpdir(), "guanxi-greetings-"));

/** Clicks `testId`, waits for the download and returns its bytes. */
async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const path = join(scratch, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

async function openCustomer(page, name) {
  await page.goto("/customers?archived=all");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByTestId("customer-name")).toHaveText(name);
}

test("greetings for a segment leave out the opted-out, export as CSV and plan follow-ups once", async ({ page }) => {
  const errors = watchErrors(page);
  // Without a saved segment the screen says how to make one.
  await openApp(page, "/greetings");
  await expect(page.getByTestId("empty-state")).toContainText("还没有客户分组");
  await page.getByTestId("greet-to-customers").click();
  await expect(page).toHaveURL(/\/customers$/);

  await createCustomer(page, { name: "甲软件公司", industry: "软件", phone: "13800138000" });
  await page.getByTestId("add-contact").click();
  await page.locator("#contact-name").fill("张伟");
  await page.getByTestId("save-contact").click();
  await expect(page.getByTestId("contact-row").filter({ hasText: "张伟" })).toBeVisible();
  await page.goto("/customers");
  await createCustomer(page, { name: "乙软件公司", industry: "软件" });
  await page.goto("/customers");
  await createCustomer(page, { name: "丙制造公司", industry: "制造" });

  // Save the software customers as a segment from the list.
  await page.goto("/customers");
  await page.getByTestId("filters").locator("summary").click();
  await page.getByTestId("filter-industry").selectOption("软件");
  await expect(page.getByTestId("customer-row")).toHaveCount(2);
  await page.getByTestId("save-segment").click();
  await page.getByTestId("segment-name-input").fill("软件客户");
  await page.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("toast").filter({ hasText: "已保存分组“软件客户”。" })).toBeVisible();

  // One of its customers opts out of marketing.
  await openCustomer(page, "乙软件公司");
  await page.getByTestId("edit-customer").click();
  await page.getByTestId("customer-opt-out-toggle").check();
  await expect(page.locator("#customer-opt-out-date")).not.toHaveValue("");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("opt-out-badge")).toBeVisible();

  // Spring Festival 2027 for that segment.
  // Marketing opens on the campaigns; greetings are its second tab.
  await page.getByRole("link", { name: "营销" }).first().click();
  await expect(page).toHaveURL(/\/campaigns$/);
  await page.getByTestId("tab-greetings").click();
  await expect(page).toHaveURL(/\/greetings/);
  await page.getByTestId("greet-holiday").selectOption("spring_festival");
  await page.getByTestId("greet-year").selectOption("2027");
  await expect(page.getByTestId("greet-date")).toHaveText("2027 年春节：2027-02-06（周六）");
  await expect(page.getByTestId("greet-choose")).toBeVisible();
  await page.getByTestId("greet-segment").filter({ hasText: "软件客户" }).locator("input").check();
  await expect(page).toHaveURL(/holiday=spring_festival/);
  await expect(page).toHaveURL(/year=2027/);
  await expect(page).toHaveURL(/seg=[0-9a-f-]{36}/);
  const rows = page.getByTestId("greet-customer");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("甲软件公司");
  await expect(rows.first()).toContainText("张伟");
  await expect(page.getByTestId("greet-results")).not.toContainText("乙软件公司");
  await expect(page.getByTestId("greet-count")).toHaveText("1 位客户，1 位联系人");
  await expect(page.getByTestId("greet-left-out")).toHaveText("1 位已退订营销，未列入。");

  // The state is in the URL: a reload shows the same list.
  await page.reload();
  await expect(page.getByTestId("greet-customer")).toHaveCount(1);
  await expect(page.getByTestId("greet-left-out")).toHaveText("1 位已退订营销，未列入。");

  // The CSV starts with a byte order mark (Excel reads it as UTF-8) and has one row per contact.
  const csv = await download(page, "greet-export");
  expect(csv.name).toMatch(/^guanxi-greetings-\d{4}-\d{2}-\d{2}\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.bytes.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines).toEqual(["客户名称,联系人,电话,邮箱,负责人", "甲软件公司,张伟,,,"]);
  await expect(page.getByTestId("greet-export-status")).toHaveText("已导出 1 行。");

  // Plan the greetings three days before; they show on that day's plan.
  await expect(page.getByTestId("greet-days")).toHaveValue("3");
  await expect(page.getByTestId("greet-due")).toHaveText("到期日：2027-02-03");
  await page.getByTestId("greet-plan").click();
  await expect(page.getByTestId("greet-plan-status")).toContainText("已安排 1 条跟进，到期日 2027-02-03。");
  await page.getByTestId("greet-see-day").click();
  await expect(page).toHaveURL(/\/visits\?day=2027-02-03/);
  const visit = page.getByTestId("visit-row");
  await expect(visit).toHaveCount(1);
  await expect(visit).toContainText("甲软件公司");
  await expect(visit).toContainText("春节问候");

  // Planning again skips the customer who already has it.
  await page.goBack();
  await expect(page.getByTestId("greet-customer")).toHaveCount(1);
  await page.getByTestId("greet-plan").click();
  await expect(page.getByTestId("greet-plan-status")).toContainText("已安排 0 条跟进，到期日 2027-02-03。1 位客户已有这条跟进，已跳过。");
  await page.goto("/visits?day=2027-02-03");
  await expect(page.getByTestId("visit-row")).toHaveCount(1);

  // A bad number of days is refused before anything is planned.
  await page.goBack();
  await page.getByTestId("greet-days").fill("90");
  await expect(page.getByTestId("greet-days-error")).toHaveText("提前天数须为 0 到 60 的整数。");
  await expect(page.getByTestId("greet-plan")).toBeDisabled();

  // A lunar year without a date asks for it, refuses a date in another year, then shows it.
  await page.goto("/greetings?holiday=spring_festival&year=2029");
  await expect(page.getByTestId("greet-date-missing")).toContainText("还没有填写 2029 年春节的日期");
  await page.getByTestId("greet-date-input").fill("2030-02-03");
  await page.getByTestId("greet-date-save").click();
  await expect(page.getByTestId("greet-date-error")).toHaveText("日期须在 2029 年内。");
  await page.getByTestId("greet-date-input").fill("2029-02-13");
  await page.getByTestId("greet-date-save").click();
  await expect(page.getByTestId("greet-date")).toHaveText("2029 年春节：2029-02-13（周二）");
  expect(errors).toEqual([]);
});

test("holidays are managed in Settings: a custom 29 February, a renamed default, a lunar date per year", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, "/settings");
  const card = page.getByTestId("holidays-card");
  await expect(card.getByTestId("holiday-row")).toHaveCount(3);

  // 30 February does not exist; 29 February does, and falls on the 28th in a common year.
  await card.getByTestId("holiday-new-name").fill("店庆");
  await card.getByTestId("holiday-new-month").fill("2");
  await card.getByTestId("holiday-new-day").fill("30");
  await card.getByTestId("holiday-add").click();
  await expect(card.getByTestId("holiday-error")).toHaveText("没有这一天，请检查月和日。");
  await card.getByTestId("holiday-new-day").fill("29");
  await card.getByTestId("holiday-add").click();
  await expect(card.getByTestId("holiday-row")).toHaveCount(4);
  await expect(card.getByTestId("holiday-row").last()).toContainText("每年 2 月 29 日");
  // Names are unique.
  await card.getByTestId("holiday-new-name").fill("元旦");
  await card.getByTestId("holiday-new-month").fill("5");
  await card.getByTestId("holiday-new-day").fill("1");
  await card.getByTestId("holiday-add").click();
  await expect(card.getByTestId("holiday-error")).toHaveText("已有同名的节日。");

  // Rename Spring Festival in Chinese; English keeps its own name.
  const spring = card.getByTestId("holiday-row").first();
  await spring.getByTestId("holiday-name").fill("农历新年");
  await spring.getByTestId("holiday-name").press("Enter");
  await expect(card).toHaveAttribute("aria-busy", "false");
  // Mid-Autumn 2029, typed in the card.
  await card.getByTestId("holiday-year").selectOption(String(new Date().getFullYear() + 3));
  const midAutumn = card.getByTestId("holiday-row").nth(1);
  await midAutumn.getByTestId("holiday-year-date").fill(`${new Date().getFullYear() + 3}-09-22`);
  await midAutumn.getByTestId("holiday-year-date").press("Enter");
  await expect(card).toHaveAttribute("aria-busy", "false");
  await page.reload();
  await expect(card.getByTestId("holiday-name").first()).toHaveValue("农历新年");

  await page.goto("/greetings?holiday=spring_festival&year=2027");
  await expect(page.getByTestId("greet-date")).toHaveText("2027 年农历新年：2027-02-06（周六）");
  const shop = await page.getByTestId("greet-holiday").locator("option", { hasText: "店庆" }).getAttribute("value");
  await page.getByTestId("greet-holiday").selectOption(shop);
  await expect(page.getByTestId("greet-date")).toHaveText("2027 年店庆：2027-02-28（周日）");
  await page.getByTestId("greet-year").selectOption("2028");
  await expect(page.getByTestId("greet-date")).toHaveText("2028 年店庆：2028-02-29（周二）");
  await page.goto(`/greetings?holiday=mid_autumn&year=${new Date().getFullYear() + 3}`);
  await expect(page.getByTestId("greet-date")).toContainText(`${new Date().getFullYear() + 3}-09-22`);

  await page.getByTestId("lang-switch").click();
  await page.goto("/greetings?holiday=spring_festival&year=2027");
  await expect(page.getByTestId("greet-date")).toHaveText("Spring Festival 2027: 2027-02-06 (Saturday)");

  // Deleting a holiday takes it off the greeting screen.
  await page.goto("/settings");
  await card.getByTestId("holiday-row").last().getByTestId("holiday-delete").click();
  await expect(card.getByTestId("holiday-row")).toHaveCount(3);
  await page.goto("/greetings");
  await expect(page.getByTestId("greet-holiday").locator("option")).toHaveCount(3);
  expect(errors).toEqual([]);
});
