// Campaigns (issue 13): a trade fair aimed at a saved segment, its costs, a business-card list
// imported with the stored customers found, a deal won through it and the ROI with its
// working, the lifetime profit taking the campaign's acquisition cost, and the mail merge
// leaving out an opted-out contact.
import { test, expect } from "@playwright/test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCustomer, openApp, watchErrors } from "./helpers.mjs";

const scratch = mkdtempSync(join(tmpdir(), "guanxi-campaigns-"));

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const path = join(scratch, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return readFileSync(path, "utf8").replace(/^\uFEFF/, "");
}

const toast = (page, text) => page.getByTestId("toast").filter({ hasText: text }).first();
const member = (page, name) => page.getByTestId("member-row").filter({ hasText: name });
const figure = (page, id) => page.getByTestId(id).getByTestId("figure-value");

test("a trade fair from a segment and a business-card list: duplicates found, a won deal gives the ROI, the opted-out contact stays out of the mail merge", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await expect(page.getByText("还没有客户")).toBeVisible();
  // A 20% default margin, so the won deal has a gross profit.
  await page.getByRole("link", { name: "设置" }).first().click();
  await page.getByTestId("default-margin").fill("20");
  await page.getByTestId("default-margin").press("Enter");
  await expect(toast(page, "已保存")).toBeVisible();

  await page.goto("/customers");
  await createCustomer(page, { name: "甲软件公司", industry: "软件" });
  await page.goto("/customers");
  await createCustomer(page, { name: "乙软件公司", industry: "软件" });
  // 乙's buyer asked for no marketing e-mail.
  await page.getByTestId("add-contact").click();
  await page.locator("#contact-name").fill("王经理");
  await page.getByTestId("contact-opt-out-toggle").check();
  await page.locator("#contact-opt-out-channel").selectOption({ label: "邮件" });
  await page.getByTestId("save-contact").click();
  await expect(page.getByTestId("contact-row").filter({ hasText: "王经理" })).toBeVisible();
  await page.goto("/customers");
  await createCustomer(page, { name: "丙制造公司", industry: "制造" });

  // The target segment.
  await page.goto("/customers");
  await page.getByTestId("filters").locator("summary").click();
  await page.getByTestId("filter-industry").selectOption("软件");
  await expect(page.getByTestId("customer-row")).toHaveCount(2);
  await page.getByTestId("save-segment").click();
  await page.getByTestId("segment-name-input").fill("软件客户");
  await page.getByTestId("dialog-confirm").click();
  await expect(toast(page, "已保存分组")).toBeVisible();

  // The campaign: a bad date range is refused in words, then saved.
  await page.getByRole("link", { name: "营销" }).first().click();
  await expect(page.getByText("还没有营销活动")).toBeVisible();
  await page.getByTestId("new-campaign").click();
  await page.locator("#campaign-name").fill("2026 春季展会");
  await page.locator("#campaign-starts").fill("2026-03-03");
  await page.locator("#campaign-ends").fill("2026-03-01");
  await page.locator("#campaign-budget").fill("30000");
  await page.getByTestId("campaign-segment").selectOption({ label: "软件客户" });
  await page.getByTestId("save").click();
  await expect(page.getByTestId("campaign-ends-error")).toHaveText("结束日期不能早于开始日期");
  await page.locator("#campaign-starts").fill("2026-03-01");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("campaign-name")).toHaveText("2026 春季展会");
  await expect(page.getByTestId("members-empty")).toBeVisible();

  // Costs.
  for (const [label, amount] of [["展位", "20000"], ["印刷", "5,000"]]) {
    await page.locator("#cost-label").fill(label);
    await page.locator("#cost-amount").fill(amount);
    await page.getByTestId("add-cost").click();
    await expect(page.getByTestId("cost-row").filter({ hasText: label })).toBeVisible();
  }
  await expect(page.getByTestId("cost-total")).toHaveText("实际费用 ¥25,000，预算 ¥30,000");
  await page.getByTestId("add-cost").click();
  await expect(page.getByTestId("cost-label-error")).toHaveText("必填");

  // Members from the segment, then a business-card list with one card of a stored customer.
  await page.getByTestId("add-segment").click();
  await expect(toast(page, "已添加 2 位客户，0 位已在名单中。")).toBeVisible();
  const cards = join(scratch, "名片.csv");
  writeFileSync(cards, "\uFEFF姓名,公司,职位,手机,邮箱\r\n张伟,星辰科技,经理,13800138000,zw@xc.cn\r\n李娜,星辰科技有限公司,采购,,\r\n赵强,甲软件公司,总监,,\r\n,,,,\r\n");
  await page.getByTestId("leads-file").setInputFiles(cards);
  await expect(page.getByTestId("leads-preview")).toHaveText("3 条名单：1 条是已有客户，将新建 1 位客户，0 条无法导入。");
  await expect(page.getByTestId("leads-outcomes")).toContainText("已有客户（名称相同）");
  await page.getByTestId("leads-confirm").click();
  await expect(toast(page, "已导入：1 位新客户，1 位已有客户，共 1 位加入活动。")).toBeVisible();
  await expect(page.getByTestId("members-count")).toHaveText("3 位目标客户");
  await expect(member(page, "星辰科技")).toContainText("张伟");
  await expect(member(page, "星辰科技")).toContainText("名单导入");

  // 乙 answered; the new company buys.
  await member(page, "乙软件公司").locator("select").selectOption({ label: "已回应" });
  await expect(toast(page, "活动已保存。")).toBeVisible();
  await member(page, "星辰科技").getByTestId("member-new-deal").click();
  await expect(page.getByTestId("opp-campaign")).toHaveValue(/.+/);
  await expect(page.locator("#opp-source")).toHaveValue("2026 春季展会");
  await page.locator("#opp-title").fill("展会订单");
  await page.locator("#amount").fill("100000");
  await page.getByTestId("opp-stage").selectOption("won");
  await page.locator("#close-reason-field").fill("展会演示");
  await page.getByTestId("save").click();
  // Winning a prospect asks whether it moves on in its lifecycle: it does.
  await page.getByRole("button", { name: "转为开发期" }).click();
  await expect(toast(page, "客户已转为开发期")).toBeVisible();

  // The results, each with its working: (¥20,000 − ¥25,000) ÷ ¥25,000 = −20.0%.
  await page.goto("/campaigns");
  await expect(page.getByTestId("campaign-roi")).toHaveText("−20.0%");
  await page.getByRole("link", { name: "2026 春季展会" }).click();
  await expect(member(page, "星辰科技").getByTestId("member-response")).toHaveText("已成交");
  await expect(figure(page, "fig-response")).toHaveText("66.7%");
  await expect(figure(page, "fig-cost-per-lead")).toHaveText("¥25,000");
  await expect(figure(page, "fig-cost-per-won")).toHaveText("¥25,000");
  await expect(figure(page, "fig-conversion")).toHaveText("33.3%");
  await expect(figure(page, "fig-won-amount")).toHaveText("¥100,000");
  await expect(figure(page, "fig-won-profit")).toHaveText("¥20,000");
  await expect(figure(page, "fig-roi")).toHaveText("−20.0%");
  await page.getByTestId("fig-roi").locator("summary").click();
  await expect(page.getByTestId("fig-roi").getByTestId("arithmetic")).toHaveText("(¥20,000 − ¥25,000) ÷ ¥25,000 = −20.0%");
  await page.getByTestId("fig-response").locator("summary").click();
  await expect(page.getByTestId("fig-response").getByTestId("arithmetic")).toHaveText("2 ÷ 3 = 66.7%");

  // Mail merge: every member, 乙 addressed without its opted-out buyer; vCard without him.
  const csv = await download(page, "export-members-csv");
  const rows = csv.trimEnd().split("\r\n");
  expect(rows[0]).toBe("客户,联系人,职位,电话,邮箱,地址");
  expect(rows.slice(1).map((r) => r.split(",")[0]).sort()).toEqual(["乙软件公司", "甲软件公司", "星辰科技"].sort());
  expect(csv).not.toContain("王经理");
  expect(rows.find((r) => r.startsWith("星辰科技"))).toBe("星辰科技,张伟,经理,13800138000,zw@xc.cn,");
  const vcf = await download(page, "export-members-vcard");
  expect(vcf).toContain("FN:张伟");
  expect(vcf).toContain("FN:李娜");
  expect(vcf).not.toContain("王经理");
  await expect(toast(page, "1 位已退订营销，未导出。")).toBeVisible();

  // After a reload everything is still there, and the lifetime profit of the won customer
  // counts the campaign's cost per won customer as its acquisition cost.
  await page.reload();
  await expect(figure(page, "fig-roi")).toHaveText("−20.0%");
  await member(page, "星辰科技").getByRole("link", { name: "星辰科技" }).click();
  const customerUrl = new URL(page.url());
  const id = customerUrl.pathname.split("/").pop();
  await page.goto(`/analysis/lifetime?customer=${id}`);
  await expect(page.getByTestId("lifetime-from-campaigns")).toHaveText("按营销活动计：¥25,000（2026 春季展会）");
  await expect(page.getByTestId("lifetime-breakdown").getByTestId("arithmetic")).toContainText("− (¥25,000 + ");
  expect(errors).toEqual([]);
});

test("answering 'opted out' records the customer's opt-out, and the campaign goes to the trash and back", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await createCustomer(page, { name: "丁贸易公司" });
  await page.goto("/campaigns/new");
  await page.locator("#campaign-name").fill("秋季邮件");
  await page.locator("#campaign-kind").selectOption({ label: "邮件营销" });
  await page.getByTestId("save").click();
  await expect(page.getByTestId("campaign-name")).toHaveText("秋季邮件");
  await page.getByTestId("member-pick-search").fill("丁贸易");
  await page.getByTestId("member-pick-candidate").first().check();
  await expect(page.getByTestId("members-count")).toHaveText("1 位目标客户");
  await member(page, "丁贸易公司").locator("select").selectOption({ label: "已退订" });
  await expect(toast(page, "已为该客户记录营销退订。")).toBeVisible();
  const csvNone = page.getByTestId("export-members-csv");
  await csvNone.click();
  await expect(toast(page, "没有可以导出的目标客户。")).toBeVisible();
  await member(page, "丁贸易公司").getByRole("link", { name: "丁贸易公司" }).click();
  await expect(page.getByText(/起不接受营销联系（邮件）/)).toBeVisible();

  await page.goto("/campaigns");
  await page.getByRole("link", { name: "秋季邮件" }).click();
  await page.getByTestId("delete-campaign").click();
  await page.getByTestId("dialog-confirm").click();
  await expect(toast(page, "活动已移到回收站。")).toBeVisible();
  await expect(page.getByTestId("campaign-row")).toHaveCount(0);
  await page.goto("/trash");
  await page.getByTestId("trash-campaign-row").getByTestId("restore-trash-campaign-row").click();
  // A full page load abandons a write still under way: wait until the app says it is done.
  await expect(toast(page, "已恢复")).toBeVisible();
  await page.goto("/campaigns");
  await expect(page.getByTestId("campaign-row")).toHaveCount(1);
  expect(errors).toEqual([]);
});
