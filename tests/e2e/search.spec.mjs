// Search everything: Ctrl+K from any page, matches grouped by kind (customers, deals, cases…),
// found by Chinese, pinyin initials or phone digits, chosen and opened from the keyboard.
import { test, expect } from "@playwright/test";
import { createCustomer, forgetToasts, freshToast, openApp, watchErrors } from "./helpers.mjs";

test("Ctrl+K finds a customer, its deal and its case by pinyin and digits, and opens one with the keyboard", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await createCustomer(page, { name: "重庆山城科技", phone: "139-1234-5678" });
  const customerUrl = page.url();
  await page.getByTestId("customer-new-opportunity").click();
  await page.locator("#opp-title").fill("重庆门店系统");
  await page.locator("#amount").fill("80000");
  await forgetToasts(page);
  await page.getByTestId("save").click();
  await expect(freshToast(page, "已保存")).toBeVisible();
  await page.goto(customerUrl);
  await page.getByTestId("customer-new-case").click();
  await page.locator("#case-subject").fill("重庆门店打印机故障");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("case-subject")).toHaveText("重庆门店打印机故障");

  // From another page, by the keyboard alone.
  await page.getByRole("link", { name: "跟进" }).first().click();
  await page.keyboard.press("Control+KeyK");
  const dialog = page.getByTestId("search-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("search-input")).toBeFocused();
  await expect(dialog.getByTestId("search-status")).toContainText("拼音");
  await page.keyboard.type("chongqing");
  const groups = dialog.getByTestId("search-group");
  await expect(groups).toHaveCount(3);
  await expect(groups.nth(0)).toContainText("客户");
  await expect(groups.nth(0)).toContainText("重庆山城科技");
  await expect(groups.nth(1)).toContainText("商机");
  await expect(groups.nth(1)).toContainText("重庆门店系统");
  await expect(groups.nth(2)).toContainText("工单");
  // The deal and the case name their customer.
  await expect(groups.nth(2).getByTestId("search-hit")).toContainText("重庆山城科技");
  const hits = dialog.getByTestId("search-hit");
  await expect(hits.nth(0)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  await expect(hits.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(dialog.getByTestId("search-input")).toHaveAttribute("aria-activedescendant", "gs-1");
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(/\/opportunities\/[0-9a-f-]{36}$/);

  // Phone digits without the dashes; pinyin initials; nothing found says so.
  await page.keyboard.press("Control+KeyK");
  await expect(dialog.getByTestId("search-input")).toBeFocused();
  await page.keyboard.type("13912345678");
  await expect(dialog.getByTestId("search-group")).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(customerUrl);
  await page.keyboard.press("Control+KeyK");
  await expect(dialog.getByTestId("search-input")).toBeFocused();
  await page.keyboard.type("cqmddyj");
  await expect(dialog.getByTestId("search-hit")).toHaveCount(1);
  await expect(dialog.getByTestId("search-hit")).toContainText("重庆门店打印机故障");
  await dialog.getByTestId("search-input").fill("没有这个东西");
  await expect(dialog.getByTestId("search-status")).toHaveText("没有找到“没有这个东西”");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  // The header's button opens it too.
  await page.getByTestId("global-search").click();
  await expect(dialog).toBeVisible();
  expect(errors).toEqual([]);
});
