// The daily work of a sales rep, end to end in Chromium: list filters, sort and bulk actions,
// duplicates and merge, archive/trash/restore, contacts, interactions with files, follow-ups,
// visit plan, daily report, care, handover, demo data and erase. Reloads check persistence.
import { test, expect } from "@playwright/test";
import { createCustomer, openApp, watchErrors } from "./helpers.mjs";

const today = () => {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

async function loadDemo(page, n) {
  await page.goto("/settings");
  await page.getByTestId(`demo-${n}`).click();
  await expect(page.getByTestId("toast").filter({ hasText: "演示客户" })).toBeVisible({ timeout: 60_000 });
}

test("loading 1,000 demo customers shows a bar that moves forward, then goes; the offer goes up to 100,000", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, "/settings");
  await expect(page.getByTestId("demo-100000")).toHaveText("载入 100000 位客户");
  // Every value the bar shows, recorded in the page as it changes.
  await page.evaluate(() => {
    window.__bar = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="demo-progress"]');
      const now = bar ? Number(bar.getAttribute("aria-valuenow")) : null;
      if (window.__bar.at(-1) !== now) window.__bar.push(now);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuenow"] });
  });
  await page.getByTestId("demo-1000").click();
  await expect(page.getByTestId("toast").filter({ hasText: "已载入 1000 位演示客户" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("demo-progress")).toHaveCount(0);
  const shown = (await page.evaluate(() => window.__bar)).filter((v) => v !== null);
  // Generating is the first fifth; writing fills the rest in steps, never going back.
  expect(shown[0]).toBe(0);
  expect(shown.filter((v) => v > 20 && v < 100).length).toBeGreaterThan(1);
  expect(shown.at(-1)).toBe(100);
  expect([...shown].sort((a, b) => a - b)).toEqual(shown);
  await page.goto("/customers?archived=all");
  await expect(page.getByTestId("customer-count")).toHaveText("共 1000 位客户");
  expect(errors).toEqual([]);
});

test("filters, sorting and bulk tagging over demo data survive a reload", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await loadDemo(page, 100);
  await page.goto("/customers?archived=all");
  await expect(page.getByTestId("customer-count")).toHaveText("共 100 位客户");
  await expect(page.getByTestId("customer-row")).toHaveCount(50);
  await expect(page.getByTestId("page-of")).toHaveText("1 / 2");
  await expect(page.getByTestId("page-prev")).toBeDisabled();
  await page.getByTestId("page-next").click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("page-of")).toHaveText("2 / 2");
  await expect(page.getByTestId("page-next")).toBeDisabled();
  await expect(page.getByTestId("customer-row")).toHaveCount(50);
  // By default archived customers are hidden, and the count says so.
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(50);
  const active = Number((await page.getByTestId("customer-count").textContent()).match(/共 (\d+) 位客户/)[1]);
  // Some are archived (customers lost over the demo's two years), most are not; the exact
  // number depends on the day the demo is generated from.
  expect(active).toBeGreaterThanOrEqual(50);
  expect(active).toBeLessThan(100);

  // Filter by value class A: every row shown is class A, and the count says how many of 100.
  await page.getByTestId("filters").locator("summary").click();
  await page.getByTestId("filter-class").selectOption("A");
  await expect(page).toHaveURL(/class=A/);
  const count = await page.getByTestId("customer-count").textContent();
  const n = Number(count.match(/(\d+) \/ (\d+)/)[1]);
  expect(n).toBeGreaterThan(5);
  expect(n).toBeLessThan(50);
  await expect(page.getByTestId("customer-row")).toHaveCount(n);
  for (const badge of await page.locator("[data-testid=customer-row] .badge.class-A").all()) {
    await expect(badge).toHaveText("A");
  }

  // Sort by name ascending, then descending: the first row changes places.
  await page.getByTestId("sort-name").click();
  await expect(page).toHaveURL(/sort=name&dir=asc|dir=asc.*sort=name|sort=name.*dir=asc/);
  const firstAsc = await page.locator("[data-testid=customer-row] .cell-main a").first().textContent();
  await page.getByTestId("sort-name").click();
  await expect(page).toHaveURL(/dir=desc/);
  const firstDesc = await page.locator("[data-testid=customer-row] .cell-main a").first().textContent();
  expect(firstAsc).not.toEqual(firstDesc);

  // Select two rows and add a tag to both.
  const names = [];
  for (const i of [0, 1]) {
    names.push(await page.locator("[data-testid=customer-row] .cell-main a").nth(i).textContent());
    await page.getByTestId("row-check").nth(i).check();
  }
  await expect(page.getByTestId("bulk-bar")).toContainText("已选 2 项");
  await page.getByTestId("bulk-value").fill("期末重点");
  await page.getByTestId("bulk-apply").click();
  await expect(page.getByTestId("toast").filter({ hasText: "已更新 2 位客户" })).toBeVisible();

  await page.goto("/customers?q=期末重点");
  await page.reload();
  await expect(page.getByTestId("customer-row")).toHaveCount(2);
  for (const name of names) await expect(page.getByTestId("customer-table")).toContainText(name);
  expect(errors).toEqual([]);
});

test("a duplicate is flagged while typing, and merging moves everything to the survivor", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "杭州青竹茶业有限公司", phone: "139 0013 9000" });
  // A contact and an interaction on the first record.
  await page.getByTestId("add-contact").click();
  await page.locator("#contact-name").fill("陈静");
  await page.getByTestId("save-contact").click();
  await expect(page.getByTestId("contact-row")).toHaveCount(1);
  await page.locator("#interaction-summary").fill("第一次拜访");
  await page.getByTestId("save-interaction").click();
  await expect(page.getByTestId("timeline-interaction")).toHaveCount(1);

  await page.goto("/customers/new");
  await page.locator("#name").fill("杭州青竹茶业");
  await expect(page.getByTestId("duplicate-warning")).toContainText("杭州青竹茶业有限公司");
  await expect(page.getByTestId("duplicate-warning")).toContainText("名称相同");
  await page.getByTestId("add-phone").click();
  await page.locator("#phone-0").fill("13900139000");
  await expect(page.getByTestId("duplicate-warning")).toContainText("电话");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText("杭州青竹茶业");

  // Merge the first record into this one.
  await page.getByTestId("merge-customer").click();
  await page.getByTestId("merge-search").fill("有限公司");
  await page.getByTestId("merge-candidate").first().check();
  await page.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("toast").filter({ hasText: "已合并" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("contact-row")).toContainText("陈静");
  await expect(page.getByTestId("timeline-interaction")).toContainText("第一次拜访");
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
});

test("archive, delete to trash, restore and empty the trash", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "Initech" });
  await page.getByTestId("archive-customer").click();
  await expect(page.getByTestId("archived-badge")).toBeVisible();
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(0);
  await page.goto("/customers?archived=archived");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);

  await page.getByRole("link", { name: "Initech" }).click();
  await page.getByTestId("delete-customer").click();
  await expect(page.getByTestId("dialog")).toContainText("回收站");
  await page.getByTestId("dialog-confirm").click();
  await expect(page).toHaveURL(/\/customers$/);
  await page.goto("/trash");
  await expect(page.getByTestId("trash-row")).toHaveCount(1);
  await page.getByTestId("restore").click();
  await expect(page.getByTestId("trash-row")).toHaveCount(0);
  await page.goto("/customers?archived=all");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);

  await page.getByRole("link", { name: "Initech" }).click();
  await page.getByTestId("delete-customer").click();
  await page.getByTestId("dialog-confirm").click();
  // Wait for the committed delete (it navigates back) before loading another page.
  await expect(page).toHaveURL(/\/customers$/);
  await page.goto("/trash");
  await page.getByTestId("empty-trash").click();
  await page.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("trash-row")).toHaveCount(0);
  await page.goto("/customers?archived=all");
  await expect(page.getByTestId("customer-row")).toHaveCount(0);
});

test("contacts form an organisation tree that survives a reload", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "深圳远航物流" });
  await page.getByTestId("add-contact").click();
  await page.locator("#contact-name").fill("张伟");
  await page.locator("#contact-title").fill("总经理");
  await page.getByTestId("save-contact").click();
  await page.getByTestId("add-contact").click();
  await page.locator("#contact-name").fill("李娜");
  await page.locator("#contact-title").fill("采购经理");
  await page.locator("#contact-reports-to").selectOption({ label: "张伟" });
  await page.getByTestId("save-contact").click();
  await expect(page.getByTestId("contact-row")).toHaveCount(2);
  await page.reload();
  const rows = page.getByTestId("contact-row");
  await expect(rows.nth(0)).toContainText("张伟");
  await expect(rows.nth(1)).toContainText("李娜");
  await expect(rows.nth(1)).toHaveAttribute("data-depth", "1");
  await expect(page.getByTestId("completeness")).toBeVisible();
});

test("an interaction with a file is logged, downloadable and over-size files are refused", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "Umbrella Corp" });
  await page.locator("#interaction-summary").fill("Sent the quotation");
  await page.locator("#interaction-outcome").fill("Waiting for reply");
  await page.getByTestId("interaction-files").setInputFiles({
    name: "报价单.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("价格 ¥240,000"),
  });
  await page.getByTestId("save-interaction").click();
  await expect(page.getByTestId("attachment")).toContainText("报价单.txt");
  await page.reload();
  await expect(page.getByTestId("timeline-interaction")).toContainText("Sent the quotation");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("attachment").locator("button.link").click(),
  ]);
  expect(download.suggestedFilename()).toBe("报价单.txt");
  const body = await (await download.createReadStream()).toArray();
  expect(Buffer.concat(body).toString()).toBe("价格 ¥240,000");

  // A file over the 5 MiB default limit: clear message, nothing stored.
  await page.locator("#interaction-summary").fill("Too big");
  await page.getByTestId("interaction-files").setInputFiles({
    name: "huge.bin",
    mimeType: "application/octet-stream",
    buffer: Buffer.alloc(5 * 1024 * 1024 + 1),
  });
  await page.getByTestId("save-interaction").click();
  await expect(page.getByTestId("interaction-files-error")).toContainText("huge.bin");
  await page.reload();
  await expect(page.getByTestId("timeline-interaction")).toHaveCount(1);
});

test("follow-ups: plan, see today, complete with a result, reschedule, cancel; visit plan and report", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "北京星辰科技", region: "北京" });
  for (const [purpose, time] of [["签合同", "10:30"], ["送样品", "15:00"], ["电话回访", ""]]) {
    await page.locator("#follow-up-due").fill(today());
    if (time) await page.locator("#follow-up-time").fill(time);
    await page.locator("#follow-up-purpose").fill(purpose);
    await page.getByTestId("save-follow-up").click();
    await expect(page.getByTestId("timeline-follow-up").filter({ hasText: purpose })).toBeVisible();
  }

  await page.goto("/visits");
  await expect(page.getByTestId("visit-row")).toHaveCount(3);
  await expect(page.getByTestId("visit-row").first()).toContainText("10:30");
  await expect(page.getByTestId("visit-row").first()).toContainText("北京");

  await page.goto("/follow-ups");
  const todayRows = page.getByTestId("section-today").getByTestId("follow-up-row");
  await expect(todayRows).toHaveCount(3);
  const sign = todayRows.filter({ hasText: "签合同" });
  await sign.getByTestId("follow-up-done").click();
  await sign.getByTestId("follow-up-result").fill("已签约");
  await sign.getByTestId("follow-up-done-save").click();
  await expect(todayRows).toHaveCount(2);

  const sample = todayRows.filter({ hasText: "送样品" });
  await sample.getByTestId("follow-up-reschedule").click();
  const next = new Date(Date.now() + 3 * 86400_000);
  const pad = (n) => String(n).padStart(2, "0");
  await sample.getByTestId("follow-up-new-date").fill(`${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`);
  await sample.getByTestId("follow-up-reschedule-save").click();
  await expect(page.getByTestId("section-soon").getByTestId("follow-up-row")).toContainText("送样品");

  await todayRows.filter({ hasText: "电话回访" }).getByTestId("follow-up-cancel").click();
  await expect(page.getByTestId("section-today")).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId("section-soon").getByTestId("follow-up-row")).toHaveCount(1);
  await page.goto("/report");
  await expect(page.getByTestId("report-totals")).toContainText("1");
  await expect(page.getByTestId("report-owner")).toContainText("签合同");
  await expect(page.getByTestId("report-owner")).toContainText("已签约");
  await expect(page.getByTestId("report-owner")).toContainText("北京星辰科技");
  // Completing logged an interaction on the customer's timeline.
  await page.getByRole("link", { name: "北京星辰科技" }).first().click();
  await expect(page.getByTestId("timeline-interaction")).toContainText("签合同");
  await expect(page.getByTestId("timeline-interaction")).toContainText("已签约");
});

test("care: a birthday soon and neglected customers each get a follow-up in one click", async ({ page }) => {
  await openApp(page);
  await loadDemo(page, 100);
  await page.goto("/customers/new");
  await page.locator("#name").fill("王小明");
  await page.locator("#kind").selectOption({ label: "个人客户" });
  const soon = new Date(Date.now() + 5 * 86400_000);
  const pad = (n) => String(n).padStart(2, "0");
  await page.locator("#birthday").fill(`1990-${pad(soon.getMonth() + 1)}-${pad(soon.getDate())}`);
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText("王小明");

  await page.goto("/care");
  const row = page.getByTestId("birthday-row").filter({ hasText: "王小明" });
  await expect(row).toContainText("5 天后");
  await row.getByTestId("care-plan").click();
  await expect(row.getByTestId("care-plan")).toHaveText("已安排跟进");
  await expect(page.getByTestId("neglected-row").first()).toBeVisible();
  await page.getByTestId("neglected-row").first().getByTestId("care-plan").click();
  await expect(page.getByTestId("neglected-row").first().getByTestId("care-plan")).toBeDisabled();

  await page.goto("/follow-ups");
  await expect(page.locator("body")).toContainText("祝 王小明 生日快乐");
});

test("handover moves one owner's customers and open follow-ups to another", async ({ page }) => {
  await openApp(page, "/settings");
  for (const name of ["王芳", "李雷"]) {
    await page.getByTestId("new-owner").fill(name);
    await page.getByTestId("add-owner").click();
  }
  await expect(page.getByTestId("owner-chip")).toHaveCount(2);
  await page.goto("/customers/new");
  await page.locator("#name").fill("成都天府软件");
  await page.locator("#owner").fill("王芳");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText("成都天府软件");

  await page.goto("/settings");
  await page.getByTestId("handover-from").selectOption("王芳");
  await page.getByTestId("handover-to").selectOption("李雷");
  await page.getByTestId("handover").click();
  await expect(page.getByTestId("toast").filter({ hasText: "移交给 李雷" })).toBeVisible();
  await page.reload();
  await page.goto("/customers?owner=李雷");
  await expect(page.getByTestId("customer-row")).toContainText("成都天府软件");
});

test("erase all data needs the typed word, then empties everything", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "Hooli" });
  await page.goto("/settings");
  await page.getByTestId("erase-all").click();
  await expect(page.getByTestId("dialog-confirm")).toBeDisabled();
  await page.getByTestId("erase-typed").fill("删除");
  await expect(page.getByTestId("dialog-confirm")).toBeDisabled();
  await page.getByTestId("erase-typed").fill("全部删除");
  await page.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("toast").filter({ hasText: "所有数据已清除" })).toBeVisible();
  await page.goto("/customers");
  await page.reload();
  await expect(page.getByTestId("empty-state")).toBeVisible();
});

test("bulk stage and archive, contact edit and attachment removal persist", async ({ page }) => {
  await openApp(page);
  for (const name of ["Alpha Foods", "Beta Metals", "Gamma Retail"]) {
    await page.goto("/customers");
    await createCustomer(page, { name });
  }
  await page.goto("/customers?sort=name&dir=asc");
  await page.getByTestId("row-check").nth(0).check();
  await page.getByTestId("row-check").nth(1).check();
  await page.getByTestId("bulk-action").selectOption({ label: "设置生命周期" });
  await page.getByTestId("bulk-value").selectOption({ label: "成熟期" });
  await page.getByTestId("bulk-apply").click();
  await expect(page.getByTestId("toast").filter({ hasText: "已更新 2 位客户" })).toBeVisible();
  await page.goto("/customers?stage=maturity");
  await expect(page.getByTestId("customer-row")).toHaveCount(2);

  await page.getByTestId("row-check").nth(0).check();
  await page.getByTestId("bulk-action").selectOption({ label: "归档" });
  await page.getByTestId("bulk-apply").click();
  // The list drops the archived row once the write has committed; only then reload.
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await page.goto("/customers?archived=archived");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);

  // Edit a contact; remove an attachment.
  await page.goto("/customers?q=Gamma");
  await page.getByRole("link", { name: "Gamma Retail" }).click();
  await page.getByTestId("add-contact").click();
  await page.locator("#contact-name").fill("Grace");
  await page.getByTestId("save-contact").click();
  await page.getByTestId("contact-row").getByRole("button", { name: "编辑" }).click();
  await expect(page.locator("#contact-name")).toHaveValue("Grace");
  await page.locator("#contact-title").fill("CFO");
  await page.getByTestId("save-contact").click();
  await expect(page.getByTestId("contact-row")).toContainText("CFO");

  await page.locator("#interaction-summary").fill("Budget call");
  await page.getByTestId("interaction-files").setInputFiles([
    { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("a") },
    { name: "b.txt", mimeType: "text/plain", buffer: Buffer.from("b") },
  ]);
  await page.getByTestId("save-interaction").click();
  await expect(page.getByTestId("attachment")).toHaveCount(2);
  await page.getByTestId("attachment").filter({ hasText: "a.txt" }).getByRole("button", { name: "移除" }).click();
  await expect(page.getByTestId("attachment")).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId("contact-row")).toContainText("CFO");
  await expect(page.getByTestId("attachment")).toHaveCount(1);
  await expect(page.getByTestId("attachment")).toContainText("b.txt");
});

test("the day's work in English: log, plan, complete, report", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await openApp(page);
  await createCustomer(page, { name: "Wayne Enterprises", region: "Gotham" });
  await page.locator("#interaction-summary").fill("Intro call");
  await page.getByTestId("save-interaction").click();
  await expect(page.getByTestId("timeline-interaction")).toContainText("Call");
  await page.locator("#follow-up-due").fill(today());
  await page.locator("#follow-up-purpose").fill("Send proposal");
  await page.getByTestId("save-follow-up").click();
  await expect(page.getByTestId("timeline-follow-up")).toContainText("Send proposal");
  await page.goto("/follow-ups");
  const row = page.getByTestId("section-today").getByTestId("follow-up-row");
  await expect(row).toContainText("Send proposal");
  await row.getByTestId("follow-up-done").click();
  await row.getByTestId("follow-up-result").fill("Proposal sent");
  await row.getByTestId("follow-up-done-save").click();
  await expect(page.getByTestId("empty-state")).toContainText("Nothing to follow up");
  await page.goto("/report");
  await expect(page.getByTestId("report-totals")).toContainText("Interactions");
  await expect(page.getByTestId("report-owner")).toContainText("Proposal sent");
  await expect(page.getByTestId("report-owner")).toContainText("Intro call");
  await context.close();
});
