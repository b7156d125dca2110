// Sales opportunities end to end (issue 6): created from a customer, weighted column totals,
// probability overrides, moving cards with the mouse (HTML5 drag and drop), a touch drag
// (pointer events), the keyboard and the "move to" menu, winning and losing with a reason and
// the customer's lifecycle, reloads, the forecast, the list's sort and filters, and the stage
// editor in Settings.
import { test, expect } from "@playwright/test";
import { createCustomer, forgetToasts, freshToast, openApp, watchErrors } from "./helpers.mjs";

const today = () => {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

const column = (page, stage) => page.locator(`[data-testid=board-column][data-stage-id=${stage}]`);
const card = (page, title) => page.getByTestId("opp-card").filter({ hasText: title });
const cardIn = (page, stage, title) => column(page, stage).getByTestId("opp-card").filter({ hasText: title });

/** Creates an opportunity through the form; starts on the customer's page when `fromCustomer`. */
async function createOpportunity(page, { title, amount, stage, probability, close, owner, reason, fromCustomer = true }) {
  if (fromCustomer) {
    await page.getByTestId("customer-new-opportunity").click();
  } else {
    await page.goto("/opportunities/new");
  }
  await expect(page.getByTestId("opportunity-form")).toBeVisible();
  await page.locator("#opp-title").fill(title);
  await page.locator("#amount").fill(amount);
  if (stage) await page.getByTestId("opp-stage").selectOption(stage);
  if (probability !== undefined) await page.getByTestId("opp-probability").fill(String(probability));
  if (close) await page.locator("#expected-close").fill(close);
  if (owner) await page.locator("#opp-owner").fill(owner);
  if (reason) await page.locator("#close-reason-field").fill(reason);
  await forgetToasts(page);
  await page.getByTestId("save").click();
  await expect(freshToast(page, "已保存")).toBeVisible();
  await expect(page.getByTestId("opportunity-form")).toBeHidden();
}

test("a customer's opportunities weigh into the board's columns; cards move by mouse, touch, keyboard and menu", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await createCustomer(page, { name: "华东数据有限公司" });
  await expect(page.getByTestId("customer-opportunities")).toContainText("还没有商机");

  // The course's example: two deals at 80%, worth ¥800,000 and ¥240,000.
  await createOpportunity(page, { title: "数据中心扩容", amount: "800,000", stage: "negotiation" });
  await expect(page.getByTestId("customer-name")).toHaveText("华东数据有限公司");
  await createOpportunity(page, { title: "运维服务", amount: "24万", stage: "negotiation" });
  // A third whose probability is set by hand, which the form marks.
  await page.getByTestId("customer-new-opportunity").click();
  await page.locator("#opp-title").fill("培训课程");
  await page.locator("#amount").fill("100000");
  await page.getByTestId("opp-stage").selectOption("proposal");
  await expect(page.getByTestId("form-overridden")).toHaveCount(0);
  await page.getByTestId("opp-probability").fill("65");
  await expect(page.getByTestId("form-overridden")).toHaveText("手动调整");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-opportunity")).toHaveCount(3);
  await expect(page.getByTestId("customer-opportunities")).toContainText("¥800,000");

  await page.getByRole("link", { name: "商机" }).first().click();
  await expect(page).toHaveURL(/\/opportunities$/);
  await expect(page.getByTestId("board-column")).toHaveCount(6);
  const negotiation = column(page, "negotiation");
  await expect(negotiation.locator("h2")).toContainText("商务谈判");
  await expect(negotiation.getByTestId("column-count")).toHaveText("2 个");
  await expect(negotiation.getByTestId("column-total")).toHaveText("¥1,040,000");
  await expect(negotiation.getByTestId("column-weighted")).toHaveText("¥832,000");
  const training = cardIn(page, "proposal", "培训课程");
  await expect(training.getByTestId("card-probability")).toContainText("65%");
  await expect(training.getByTestId("card-overridden")).toBeVisible();
  await expect(cardIn(page, "negotiation", "运维服务").getByTestId("card-overridden")).toHaveCount(0);
  await expect(column(page, "proposal").getByTestId("column-weighted")).toHaveText("¥65,000");

  // Mouse: HTML5 drag and drop from 商务谈判 to 方案报价.
  await card(page, "运维服务").dragTo(column(page, "proposal"));
  await expect(cardIn(page, "proposal", "运维服务")).toBeVisible();
  await expect(page.getByTestId("toast").filter({ hasText: "已移到“方案报价”" })).toBeVisible();
  await expect(negotiation.getByTestId("column-weighted")).toHaveText("¥640,000");
  await expect(column(page, "proposal").getByTestId("column-weighted")).toHaveText("¥185,000");
  await expect(column(page, "proposal").getByTestId("column-count")).toHaveText("2 个");

  // Keyboard: → on the focused card moves it one column right, and the focus follows it.
  const service = card(page, "运维服务");
  const serviceId = await service.getAttribute("data-card-id");
  await service.focus();
  await page.keyboard.press("ArrowRight");
  await expect(cardIn(page, "negotiation", "运维服务")).toBeVisible();
  await expect(page.locator(`[data-card-id="${serviceId}"]`)).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(cardIn(page, "proposal", "运维服务")).toBeVisible();
  await expect(page.locator(`[data-card-id="${serviceId}"]`)).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(cardIn(page, "needs_analysis", "运维服务")).toBeVisible();
  await expect(page.locator(`[data-card-id="${serviceId}"]`)).toBeFocused();

  // The "move to" menu, by keyboard as well as by mouse.
  await card(page, "运维服务").getByTestId("move-select").selectOption("negotiation");
  await expect(cardIn(page, "negotiation", "运维服务")).toBeVisible();
  await expect(negotiation.getByTestId("column-weighted")).toHaveText("¥832,000");

  // Touch: a real touch sequence on the card's grip, through Chromium's input pipeline, so
  // the pointer events arrive with pointerType "touch" (HTML5 drag and drop plays no part).
  const cdp = await page.context().newCDPSession(page);
  const grip = await card(page, "培训课程").getByTestId("drag-handle").boundingBox();
  const target = await column(page, "qualification").boundingBox();
  const from = { x: grip.x + grip.width / 2, y: grip.y + grip.height / 2 };
  const to = { x: target.x + target.width / 2, y: target.y + 120 };
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [from] });
  for (let i = 1; i <= 10; i++) {
    const p = { x: from.x + ((to.x - from.x) * i) / 10, y: from.y + ((to.y - from.y) * i) / 10 };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [p] });
    if (i === 5) await expect(card(page, "培训课程")).toHaveClass(/pointer-drag/);
  }
  await expect(column(page, "qualification")).toHaveClass(/drop-target/);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await expect(cardIn(page, "qualification", "培训课程")).toBeVisible();
  // An overridden probability stays overridden wherever the card goes.
  await expect(cardIn(page, "qualification", "培训课程").getByTestId("card-probability")).toContainText("65%");
  await expect(column(page, "proposal").getByTestId("column-count")).toHaveText("0 个");

  // Everything was saved: a reload shows the same board.
  await page.reload();
  await expect(cardIn(page, "qualification", "培训课程")).toBeVisible();
  await expect(cardIn(page, "negotiation", "运维服务")).toBeVisible();
  await expect(column(page, "negotiation").getByTestId("column-weighted")).toHaveText("¥832,000");
  expect(errors).toEqual([]);
});

test("winning asks for a reason, records the day and, once confirmed, moves a prospect on; losing needs a reason too", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await createCustomer(page, { name: "西湖茶业" });
  await expect(page.locator(".badges .badge").first()).toHaveText("潜在期");
  await createOpportunity(page, { title: "年度采购合同", amount: "500000", stage: "negotiation" });
  await createOpportunity(page, { title: "礼品定制", amount: "30000", stage: "proposal" });
  await createOpportunity(page, { title: "门店系统", amount: "120000", stage: "qualification" });
  // Work on a deal is linked to it: the timeline tags the entry with the deal's title.
  await page.locator("#interaction-summary").fill("电话确认合同条款");
  await page.getByTestId("interaction-opportunity").selectOption({ label: "年度采购合同" });
  await page.getByTestId("save-interaction").click();
  await expect(page.getByTestId("timeline-interaction").getByTestId("timeline-opportunity")).toHaveText("商机：年度采购合同");
  await page.goto("/opportunities");

  // From the keyboard, → into 赢单 opens the dialog on its reason; Escape cancels and gives the
  // focus back to the card, which has not moved.
  await card(page, "年度采购合同").focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("close-reason")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("close-dialog")).toHaveCount(0);
  await expect(card(page, "年度采购合同")).toBeFocused();
  await expect(cardIn(page, "negotiation", "年度采购合同")).toBeVisible();

  // Into 赢单 by the menu: the dialog asks for the reason first.
  await card(page, "年度采购合同").getByTestId("move-select").selectOption("won");
  const dialog = page.getByTestId("close-dialog");
  await expect(dialog).toContainText("赢单：年度采购合同");
  await expect(dialog).toContainText(`结束日期记为今天（${today()}）`);
  await dialog.getByTestId("close-confirm").click();
  await expect(dialog.getByTestId("close-error")).toHaveText("必填");
  // Cancelling leaves the card where it was.
  await dialog.getByTestId("close-cancel").click();
  await expect(cardIn(page, "negotiation", "年度采购合同")).toBeVisible();

  await card(page, "年度采购合同").getByTestId("move-select").selectOption("won");
  await page.getByTestId("close-reason").selectOption("价格优势 Price");
  await page.getByTestId("close-note").fill("交期更短");
  await page.getByTestId("close-confirm").click();
  // Second question: the prospect customer becomes 开发期 only if the user says so.
  const win = page.getByTestId("win-dialog");
  await expect(win).toContainText("“西湖茶业”目前处于潜在期");
  await win.getByTestId("win-lifecycle-yes").click();
  await expect(page.getByTestId("toast").filter({ hasText: "客户已转为开发期" })).toBeVisible();
  const won = cardIn(page, "won", "年度采购合同");
  // The built-in reason is stored in both languages; a Chinese screen shows its Chinese half.
  await expect(won.getByTestId("card-reason")).toHaveText("价格优势：交期更短");
  await expect(won).toContainText(`${today()} 结束`);
  await expect(column(page, "won").getByTestId("column-weighted")).toHaveText("¥500,000");

  // A second win for the same customer: no longer a prospect, so nothing more is asked.
  await card(page, "礼品定制").dragTo(column(page, "won"));
  await page.getByTestId("close-reason").selectOption("服务与关系 Service & relationship");
  await page.getByTestId("close-confirm").click();
  await expect(cardIn(page, "won", "礼品定制")).toBeVisible();
  await expect(page.getByTestId("win-dialog")).toHaveCount(0);

  // Lost: a note alone is reason enough.
  await card(page, "门店系统").getByTestId("move-select").selectOption("lost");
  await expect(page.getByTestId("close-dialog")).toContainText("输单：门店系统");
  await page.getByTestId("close-note").fill("预算被砍");
  await page.getByTestId("close-confirm").click();
  await expect(cardIn(page, "lost", "门店系统").getByTestId("card-reason")).toHaveText("预算被砍");

  // All of it persisted: stage, reason, close date and the customer's lifecycle.
  await page.reload();
  await expect(cardIn(page, "won", "年度采购合同").getByTestId("card-reason")).toHaveText("价格优势：交期更短");
  await expect(cardIn(page, "won", "年度采购合同")).toContainText(`${today()} 结束`);
  await expect(cardIn(page, "lost", "门店系统")).toBeVisible();
  await card(page, "年度采购合同").getByTestId("opp-title").click();
  await expect(page.getByTestId("opportunity-form")).toBeVisible();
  await expect(page.locator("#close-reason-field")).toHaveValue("价格优势 Price：交期更短");
  await expect(page.locator("#closed-on")).toHaveValue(today());
  await page.getByTestId("opp-customer-link").click();
  await expect(page.locator(".badges .badge").first()).toHaveText("开发期");
  await expect(page.getByTestId("customer-opportunity").filter({ hasText: "年度采购合同" }).getByTestId("customer-opportunity-stage")).toHaveText("赢单");

  expect(errors).toEqual([]);
});

test("the forecast weighs the pipeline by close month and owner; the list sorts and filters", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await createCustomer(page, { name: "蓝海物流" });
  await createOpportunity(page, { title: "仓储系统", amount: "800000", stage: "negotiation", close: "2026-12-15", owner: "张三" });
  await createOpportunity(page, { title: "车队管理", amount: "240000", stage: "negotiation", close: "2026-12-20", owner: "李四" });
  // A deal entered as already won, through the form: it needs its reason.
  await page.getByTestId("customer-new-opportunity").click();
  await page.locator("#opp-title").fill("旧系统升级");
  await page.locator("#amount").fill("50000");
  await page.getByTestId("opp-stage").selectOption("won");
  await expect(page.getByTestId("opp-probability")).toBeDisabled();
  await page.getByTestId("save").click();
  await expect(page.getByTestId("close-reason-field-error")).toHaveText("必填");
  await page.locator("#close-reason-field").fill("产品功能 Product fit");
  await page.locator("#opp-owner").fill("张三");
  await page.getByTestId("save").click();
  // Won through the form: the same question about the prospect customer.
  await page.getByTestId("win-dialog").getByTestId("win-lifecycle-no").click();
  await expect(page.getByTestId("customer-opportunity")).toHaveCount(3);
  await expect(page.locator(".badges .badge").first()).toHaveText("潜在期");

  await page.goto("/opportunities");
  await page.getByTestId("view-forecast").click();
  await expect(page).toHaveURL(/\/forecast/);
  const december = page.getByTestId("forecast-by-month").getByTestId("forecast-row").filter({ hasText: "2026-12" });
  await expect(december.getByTestId("forecast-weighted")).toHaveText("¥832,000");
  await expect(december.getByTestId("forecast-open")).toHaveText("¥1,040,000");
  const thisMonth = page.getByTestId("forecast-by-month").getByTestId("forecast-row").filter({ hasText: today().slice(0, 7) });
  await expect(thisMonth.getByTestId("forecast-won")).toContainText("¥50,000");
  const total = page.getByTestId("forecast-by-month").getByTestId("forecast-total");
  await expect(total.getByTestId("forecast-weighted")).toHaveText("¥832,000");
  await expect(total.getByTestId("forecast-won")).toContainText("¥50,000");
  const owners = page.getByTestId("forecast-by-owner");
  await expect(owners.getByTestId("forecast-row").filter({ hasText: "张三" }).getByTestId("forecast-weighted")).toHaveText("¥640,000");
  await expect(owners.getByTestId("forecast-row").filter({ hasText: "张三" }).getByTestId("forecast-won")).toContainText("¥50,000");
  await expect(owners.getByTestId("forecast-row").filter({ hasText: "李四" }).getByTestId("forecast-weighted")).toHaveText("¥192,000");
  // The owner filter narrows the forecast, and stays in the URL.
  await page.getByTestId("opp-filter-owner").selectOption("李四");
  await expect(page).toHaveURL(/owner=/);
  await expect(total.getByTestId("forecast-weighted")).toHaveText("¥192,000");
  await page.getByTestId("opp-clear-filters").click();
  await expect(total.getByTestId("forecast-weighted")).toHaveText("¥832,000");

  // The list: sort by amount (largest first, then smallest), filter by status and month.
  await page.getByTestId("view-list").click();
  await expect(page.getByTestId("opp-row")).toHaveCount(3);
  await expect(page.getByTestId("list-weighted-total")).toHaveText("¥832,000");
  await page.getByTestId("opp-sort-amount").click();
  await expect(page).toHaveURL(/sort=amount/);
  await expect(page.getByTestId("opp-row-amount").first()).toHaveText("¥800,000");
  await page.getByTestId("opp-sort-amount").click();
  await expect(page.getByTestId("opp-row-amount").first()).toHaveText("¥50,000");
  await page.getByTestId("opp-filter-status").selectOption("open");
  await expect(page.getByTestId("opp-row")).toHaveCount(2);
  await expect(page.getByTestId("opp-row-amount").first()).toHaveText("¥240,000");
  await page.getByTestId("opp-filter-month").selectOption("2026-12");
  await page.getByTestId("opp-search").fill("仓储");
  await expect(page.getByTestId("opp-row")).toHaveCount(1);
  await expect(page.getByTestId("opp-count")).toHaveText("1 / 3 个商机");
  // Filters survive a reload, and the board honours them too (it has no search box).
  await page.reload();
  await expect(page.getByTestId("opp-row")).toHaveCount(1);
  await page.getByTestId("view-board").click();
  await expect(page).toHaveURL(/\/opportunities\?.*status=open/);
  await expect(page.getByTestId("opp-card")).toHaveCount(2);
  await expect(column(page, "won").getByTestId("opp-card")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("the stage editor renames, re-weighs, adds and removes stages without losing a card", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await createCustomer(page, { name: "山城火锅" });
  await createOpportunity(page, { title: "中央厨房", amount: "300000", stage: "proposal" });
  await createOpportunity(page, { title: "外卖平台", amount: "80000", stage: "needs_analysis" });

  await page.getByRole("link", { name: "设置" }).click();
  const editor = page.getByTestId("stage-editor");
  await expect(editor.getByTestId("stage-row")).toHaveCount(6);
  const proposal = editor.locator("[data-stage=proposal]");
  await proposal.getByTestId("stage-zh").fill("报价中");
  await forgetToasts(page);
  await proposal.getByTestId("stage-zh").press("Enter");
  await expect(freshToast(page, "已保存")).toBeVisible();
  // A new default probability reaches every opportunity that follows its stage.
  await proposal.getByTestId("stage-probability").fill("40");
  await proposal.getByTestId("stage-probability").press("Enter");
  await expect(proposal.getByTestId("stage-probability")).toHaveValue("40");

  // A pipeline without a lost stage is refused, and says why.
  await editor.locator("[data-stage=lost]").getByTestId("stage-outcome").selectOption("open");
  await expect(page.getByTestId("stage-errors")).toContainText("至少需要一个输单阶段");

  // A new stage goes before the won and lost ones.
  await page.getByTestId("new-stage-zh").fill("合同审批");
  await page.getByTestId("new-stage-en").fill("Contract review");
  await page.getByTestId("new-stage-probability").fill("90");
  await page.getByTestId("add-stage").click();
  await expect(editor.getByTestId("stage-row")).toHaveCount(7);
  await expect(editor.getByTestId("stage-row").nth(4).getByTestId("stage-zh")).toHaveValue("合同审批");

  // Removing a stage in use asks where its opportunities go.
  await editor.locator("[data-stage=needs_analysis]").getByTestId("stage-remove").click();
  await expect(page.getByTestId("dialog")).toContainText("此阶段有 1 个商机");
  await page.getByTestId("remove-target").selectOption("qualification");
  await page.getByTestId("dialog-confirm").click();
  await expect(editor.getByTestId("stage-row")).toHaveCount(6);

  // Reorder: the new stage moves up one place.
  await editor.getByTestId("stage-row").nth(3).getByTestId("stage-up").click();
  await expect(editor.getByTestId("stage-row").nth(2).getByTestId("stage-zh")).toHaveValue("合同审批");

  await page.goto("/opportunities");
  await expect(page.getByTestId("board-column")).toHaveCount(6);
  await expect(column(page, "proposal").locator("h2")).toContainText("报价中");
  await expect(cardIn(page, "proposal", "中央厨房").getByTestId("card-probability")).toContainText("40%");
  await expect(column(page, "proposal").getByTestId("column-weighted")).toHaveText("¥120,000");
  await expect(cardIn(page, "qualification", "外卖平台")).toBeVisible();
  await expect(page.getByTestId("board-column").nth(2).locator("h2")).toContainText("合同审批");

  // In English the stage shows its English name.
  await page.getByTestId("lang-switch").click();
  await expect(page.getByTestId("board-column").nth(2).locator("h2")).toContainText("Contract review");
  await expect(column(page, "negotiation").locator("h2")).toContainText("Negotiation");
  expect(errors).toEqual([]);
});

test("opportunities export as CSV from the Data page", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await createCustomer(page, { name: "导出测试客户" });
  await createOpportunity(page, { title: "导出商机", amount: "800000", stage: "negotiation" });
  await page.goto("/data");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-opportunities").click()]);
  expect(download.suggestedFilename()).toMatch(/^guanxi-opportunities-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await (await download.createReadStream()).toArray()).join("");
  expect(text).toContain("商机名称");
  expect(text).toContain("导出测试客户,导出商机,商务谈判,800000,CNY,80,640000");
  expect(errors).toEqual([]);
});

test("demo data shows stale deals; the stale days in Settings decide the flag", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, "/settings");
  await page.getByTestId("demo-100").click();
  await expect(page.getByTestId("toast").filter({ hasText: "演示客户" })).toBeVisible({ timeout: 60_000 });
  await page.goto("/opportunities");
  await expect(page.getByTestId("opp-card").first()).toBeVisible();
  // Flags appear once the contact log is read (none before: activity is not yet known).
  await expect.poll(() => page.getByTestId("stale-badge").count()).toBeGreaterThan(0);
  const stale = await page.getByTestId("stale-badge").count();
  // Only open deals are ever stale.
  await expect(column(page, "won").getByTestId("stale-badge")).toHaveCount(0);
  await expect(column(page, "lost").getByTestId("stale-badge")).toHaveCount(0);

  // In-app navigation: the stored settings are loaded already (a reload would let typing
  // race the load).
  await page.getByRole("link", { name: "设置" }).click();
  await page.getByTestId("stale-days").fill("0");
  await forgetToasts(page);
  await page.getByTestId("stale-days").press("Enter");
  await expect(freshToast(page, "已保存")).toBeVisible();
  await page.goto("/opportunities");
  await expect(page.getByTestId("opp-card").first()).toBeVisible();
  await expect(page.getByTestId("stale-badge")).toHaveCount(0);

  // A shorter period flags at least as many. (In-app navigation: the save is not cut short.)
  // In-app navigation: the stored settings are loaded already (a reload would let typing
  // race the load).
  await page.getByRole("link", { name: "设置" }).click();
  await page.getByTestId("stale-days").fill("7");
  await page.getByTestId("stale-days").press("Enter");
  await page.getByRole("link", { name: "商机" }).first().click();
  await expect(page.getByTestId("opp-card").first()).toBeVisible();
  await expect.poll(() => page.getByTestId("stale-badge").count()).toBeGreaterThanOrEqual(stale);
  await page.reload();
  await expect.poll(() => page.getByTestId("stale-badge").count()).toBeGreaterThanOrEqual(stale);
  expect(errors).toEqual([]);
});

test("a deal entered by mistake goes to the trash, comes back, and is purged with the trash", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await createCustomer(page, { name: "删除商机测试客户" });
  await createOpportunity(page, { title: "误建的商机", amount: "5000", stage: "proposal" });
  await createOpportunity(page, { title: "保留的商机", amount: "7000", stage: "proposal" });
  await page.goto("/opportunities");
  await card(page, "误建的商机").getByTestId("opp-title").click();
  await page.getByTestId("delete-opportunity").click();
  await expect(page.getByTestId("dialog")).toContainText("回收站");
  await page.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("toast").filter({ hasText: "已移入回收站" })).toBeVisible();
  await expect(page).toHaveURL(/\/opportunities$/);
  await expect(card(page, "误建的商机")).toHaveCount(0);
  await expect(cardIn(page, "proposal", "保留的商机")).toBeVisible();
  await expect(column(page, "proposal").getByTestId("column-total")).toContainText("¥7,000");

  // Restored from the trash: back on the board after a reload.
  await page.goto("/trash");
  await expect(page.getByTestId("trash-deal-row")).toContainText("误建的商机");
  await expect(page.getByTestId("trash-deal-row")).toContainText("删除商机测试客户");
  await page.screenshot({ path: "screenshots/trash-deal-zh-CN-desktop.png" });
  await page.getByTestId("restore-deal").click();
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await page.goto("/opportunities");
  await expect(cardIn(page, "proposal", "误建的商机")).toBeVisible();

  // Deleted again and the trash emptied: gone for good, the other deal untouched.
  await card(page, "误建的商机").getByTestId("opp-title").click();
  await page.getByTestId("delete-opportunity").click();
  await page.getByTestId("dialog-confirm").click();
  await expect(page).toHaveURL(/\/opportunities$/);
  await page.goto("/trash");
  await page.getByTestId("empty-trash").click();
  await expect(page.getByTestId("dialog")).toContainText("1 项");
  await page.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("trash-deal-row")).toHaveCount(0);
  await page.goto("/opportunities");
  await expect(card(page, "误建的商机")).toHaveCount(0);
  await expect(cardIn(page, "proposal", "保留的商机")).toBeVisible();
  expect(errors).toEqual([]);
});
