// The foundation's vertical slice, driven as a user would: create, list, reload, edit,
// validate, search, switch language.
import { test, expect } from "@playwright/test";
import { createCustomer, openApp, watchErrors } from "./helpers.mjs";

test("a new customer is saved to IndexedDB and survives a reload", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await expect(page.getByTestId("customer-count")).toHaveText("共 0 位客户");
  // A first run with an empty store offers the way back from a backup.
  await expect(page.getByTestId("empty-restore")).toHaveAttribute("href", "/data");

  await createCustomer(page, {
    name: "北京星辰科技有限公司",
    phone: "+86 138 0013 8000",
    email: "sales@xingchen.cn",
    industry: "软件",
    region: "北京",
  });
  await expect(page.getByTestId("toast").first()).toContainText("已保存");

  await page.getByRole("link", { name: "客户", exact: true }).click();
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await expect(page.getByTestId("customer-row")).toContainText("北京星辰科技有限公司");

  await page.reload();
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await expect(page.getByTestId("customer-row")).toContainText("北京星辰科技有限公司");
  await expect(page.getByTestId("customer-row")).toContainText("+86 138 0013 8000");
  await expect(page.getByTestId("customer-count")).toHaveText("共 1 位客户");

  // The detail page, reached by its own URL after a reload, reads the stored record.
  await page.getByRole("link", { name: "北京星辰科技有限公司" }).click();
  const url = page.url();
  await page.goto(url);
  await expect(page.getByTestId("customer-name")).toHaveText("北京星辰科技有限公司");
  await expect(page.locator(".props")).toContainText("sales@xingchen.cn");
  expect(errors).toEqual([]);
});

test("invalid input is explained beside the field and nothing is stored", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await page.getByTestId("new-customer").click();
  await page.getByTestId("add-email").click();
  await page.locator("#email-0").fill("not-an-email");
  await page.getByTestId("add-phone").click();
  await page.locator("#phone-0").fill("12345");
  await page.getByTestId("save").click();

  await expect(page.getByTestId("name-error")).toHaveText("必填");
  await expect(page.getByTestId("email-0-error")).toHaveText("邮箱格式不正确");
  await expect(page.getByTestId("phone-0-error")).toHaveText("电话号码格式不正确");

  // The same messages in English after switching language.
  await page.getByTestId("lang-switch").click();
  await expect(page.getByTestId("name-error")).toHaveText("Required");
  await expect(page.getByTestId("email-0-error")).toHaveText("Not a valid e-mail address");

  await page.goto("/customers");
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await expect(page.getByTestId("customer-count")).toHaveText("0 customers");
  expect(errors).toEqual([]);
});

test("editing keeps the record and cancel loses nothing stored", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "Acme Trading", email: "hi@acme.example" });

  await page.getByTestId("edit-customer").click();
  await page.locator("#name").fill("Acme Trading Ltd");
  await page.getByRole("link", { name: "取消" }).click();
  await expect(page.getByTestId("customer-name")).toHaveText("Acme Trading");

  await page.getByTestId("edit-customer").click();
  await expect(page.locator("#name")).toHaveValue("Acme Trading");
  await expect(page.locator("#email-0")).toHaveValue("hi@acme.example");
  await page.locator("#name").fill("Acme Trading Ltd");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText("Acme Trading Ltd");

  await page.reload();
  await expect(page.getByTestId("customer-name")).toHaveText("Acme Trading Ltd");
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
});

test("search filters as you type and is kept in the URL", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "上海明远贸易", phone: "021-62345678" });
  await page.goto("/customers");
  await createCustomer(page, { name: "Globex Corporation", email: "info@globex.example" });
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(2);

  await page.getByTestId("customer-search").fill("GLOBEX");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await expect(page.getByTestId("customer-row")).toContainText("Globex Corporation");
  await expect(page).toHaveURL(/q=GLOBEX/);

  await page.reload();
  await expect(page.getByTestId("customer-search")).toHaveValue("GLOBEX");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);

  await page.getByTestId("customer-search").fill("62345678");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await expect(page.getByTestId("customer-row")).toContainText("上海明远贸易");
  await page.getByTestId("customer-search").fill("没有这个");
  await expect(page.getByTestId("customer-row")).toHaveCount(0);
  await expect(page.getByTestId("empty-state")).toContainText("没有匹配的客户");
});

test("Chinese names are found by pinyin, spaced or run together, and by initials, and sort by reading", async ({ page }) => {
  await openApp(page);
  // A person: the surname 曾 reads Zeng; a company in 重庆 reads Chongqing.
  await page.getByTestId("new-customer").click();
  await page.locator("#name").fill("曾伟");
  await page.locator("#kind").selectOption({ index: 1 });
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText("曾伟");
  for (const name of ["重庆山城科技", "安琪儿贸易", "Zebra Ltd"]) {
    await page.goto("/customers");
    await createCustomer(page, { name });
  }
  await page.goto("/customers?sort=name&dir=asc");
  await expect(page.getByTestId("customer-row")).toHaveCount(4);
  // By reading: an (安) before chong (重) before Zebra before zeng (曾: "ze" + "b" < "n").
  await expect(page.getByTestId("customer-row").locator("td.cell-main")).toHaveText([/安琪儿贸易/, /重庆山城科技/, /Zebra Ltd/, /曾伟/]);
  const search = page.getByTestId("customer-search");
  for (const [query, found] of [["zengwei", "曾伟"], ["zeng wei", "曾伟"], ["ZW", "曾伟"], ["chongqing", "重庆山城科技"], ["cqsc", "重庆山城科技"]]) {
    await search.fill(query);
    await expect(page.getByTestId("customer-row")).toHaveCount(1);
    await expect(page.getByTestId("customer-row")).toContainText(found);
  }
  // 重 on its own reads zhong; only 重庆 is Chongqing, so this finds nothing.
  await search.fill("zhongqing");
  await expect(page.getByTestId("customer-row")).toHaveCount(0);
  // Renamed: the index follows the edit, not the old name.
  await search.fill("");
  await page.getByTestId("customer-row").filter({ hasText: "曾伟" }).locator("a").first().click();
  await page.getByTestId("edit-customer").click();
  await page.locator("#name").fill("单丽");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText("单丽");
  await page.goto("/customers?q=shanli");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await expect(page.getByTestId("customer-row")).toContainText("单丽");
  await page.getByTestId("customer-search").fill("zengwei");
  await expect(page.getByTestId("customer-row")).toHaveCount(0);
});

test("the language switch changes every label and is remembered", async ({ page }) => {
  await openApp(page);
  const nav = page.locator("nav.nav");
  await expect(nav).toContainText("客户");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  await page.getByTestId("lang-switch").click();
  await expect(nav).toContainText("Customers");
  await expect(nav).toContainText("Follow-ups");
  await expect(page.locator("h1")).toHaveText("Customers");
  await expect(page.getByTestId("new-customer")).toHaveText("New customer");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.reload();
  await expect(nav).toContainText("Customers");
  await page.goto("/settings");
  await expect(page.getByTestId("lang-select")).toHaveValue("en");
  await page.getByTestId("lang-select").selectOption("zh-CN");
  await expect(page.locator("h1")).toHaveText("设置");
});

test("an English browser starts in English", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await openApp(page);
  await expect(page.locator("h1")).toHaveText("Customers");
  await context.close();
});

test("settings show storage usage and quota", async ({ page }) => {
  await openApp(page, "/settings");
  await expect(page.getByTestId("storage-usage")).toContainText(/已用 .* \/ 可用 .*B/);
  await expect(page.getByTestId("storage-persisted")).toBeVisible();
});

test("without IndexedDB the app says nothing will be saved instead of crashing", async ({ page }) => {
  await page.addInitScript(() => {
    // As in some private modes: the factory exists but refuses to open anything.
    IDBFactory.prototype.open = function () {
      throw new DOMException("The user denied permission to access the database.", "UnknownError");
    };
  });
  await openApp(page);
  await expect(page.getByTestId("storage-banner")).toContainText("任何修改都不会被保存");
  await expect(page.getByTestId("storage-banner")).toContainText("UnknownError");
  // The form still explains a failed save rather than pretending.
  await page.getByTestId("new-customer").click();
  await page.locator("#name").fill("不会保存的客户");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("toast").first()).toContainText("无法打开本地数据库");
  await expect(page.getByTestId("toast").first()).not.toContainText("已保存");
  await page.screenshot({ path: "screenshots/fault-indexeddb-refused-zh-CN-desktop.png" });
});
