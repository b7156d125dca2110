// Everyday interchange (issue 11) through the real file inputs: a bad value no longer costs
// the row (it goes to the notes and the report), columns left behind are counted, contact
// exports from Google, Outlook and 企业微信 keep their exact values, and the vCard examples of
// RFC 6350 / RFC 2426 and an iCloud export keep theirs, with every property left behind named.
import { test, expect } from "@playwright/test";
import { openApp, watchErrors } from "./helpers.mjs";

const csvFixtures = "tests/fixtures/csv";
const vcardFixtures = "tests/fixtures/vcard";

function csvFile(name, text) {
  return { name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") };
}

async function openCustomer(page, name) {
  await page.goto("/customers");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByTestId("customer-name")).toHaveText(name);
  return page.locator("main");
}

test("a CSV row with phone -5 is imported; the value goes to the notes and the report", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, "/data");
  await page.getByTestId("csv-file").setInputFiles(csvFile("bad-phone.csv",
    "名称,电话,邮箱,微信\n甲公司,-5,jia@example.cn,wx_jia\n乙公司,010-12345678,,\n,13800138000,,\n"));
  // Each column's choice is named after its column.
  await expect(page.getByRole("combobox", { name: "列“电话”导入为" }).locator("option:checked")).toHaveText("电话");
  await expect(page.getByRole("combobox", { name: "列“微信”导入为" }).locator("option:checked")).toHaveText("（不导入）");
  // The preview already says what happens to the bad value.
  await expect(page.getByTestId("bad-set-aside")).toBeChecked();
  await expect(page.getByTestId("csv-preview-row").filter({ hasText: "甲公司" }))
    .toContainText("新建（部分值另存到备注）：电话“-5”（列“电话”）已写入备注");
  await page.getByTestId("csv-run").click();

  await expect(page.getByTestId("csv-report")).toContainText("2");
  await expect(page.getByTestId("csv-set-aside-count")).toHaveText("1 行有值另存到备注");
  await expect(page.getByTestId("csv-set-aside")).toHaveCount(1);
  await expect(page.getByTestId("csv-set-aside")).toContainText("电话“-5”（列“电话”）已写入备注");
  await expect(page.getByTestId("csv-rejected")).toHaveCount(1);
  await expect(page.getByTestId("csv-rejected")).toContainText("缺少名称");
  await expect(page.getByTestId("csv-unmapped")).toHaveText("未导入的列：“微信”（1 个值）");

  const jia = await openCustomer(page, "甲公司");
  await expect(jia.locator(".notes")).toHaveText("导入时未能识别: 电话: -5");
  await expect(jia).toContainText("jia@example.cn");
  const yi = await openCustomer(page, "乙公司");
  await expect(yi).toContainText("010-12345678");
  await expect(yi.locator(".notes")).toHaveCount(0);

  // "Reject such rows" refuses the whole row instead.
  await page.goto("/data");
  await page.getByTestId("csv-file").setInputFiles(csvFile("strict.csv", "名称,电话\n丙公司,-5\n"));
  await page.getByTestId("bad-reject").check();
  await expect(page.getByTestId("csv-preview-row")).toContainText("拒绝");
  await page.getByTestId("csv-run").click();
  await expect(page.getByTestId("csv-report")).toBeVisible();
  await expect(page.getByTestId("csv-rejected")).toHaveCount(1);
  await expect(page.getByTestId("csv-rejected")).toContainText("丙公司");
  await expect(page.getByTestId("csv-rejected")).toContainText("电话：");
  await expect(page.getByTestId("csv-set-aside")).toHaveCount(0);
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(2);
  expect(errors).toEqual([]);
});

test("Google, Outlook and 企业微信 exports keep their exact values", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, "/data");
  for (const file of ["google-contacts.csv", "outlook-contacts.csv"]) {
    await page.getByTestId("csv-file").setInputFiles(`${csvFixtures}/${file}`);
    await expect(page.getByTestId("csv-preview-row")).toHaveCount(1);
    await page.getByTestId("csv-run").click();
    await expect(page.getByTestId("csv-report")).toBeVisible();
    await expect(page.getByTestId("csv-rejected")).toHaveCount(0);
  }
  await page.getByTestId("csv-file").setInputFiles(`${csvFixtures}/wecom-members.csv`);
  await expect(page.getByRole("combobox", { name: "列“手机号”导入为" }).locator("option:checked")).toHaveText("手机");
  await expect(page.getByRole("combobox", { name: "列“座机”导入为" }).locator("option:checked")).toHaveText("电话");
  await page.getByTestId("csv-run").click();
  await expect(page.getByTestId("csv-report")).toBeVisible();
  await expect(page.getByTestId("csv-rejected")).toHaveCount(0);
  await expect(page.getByTestId("csv-set-aside")).toHaveCount(1);
  await expect(page.getByTestId("csv-set-aside")).toContainText("李四");
  await expect(page.getByTestId("csv-unmapped")).toHaveText(
    "未导入的列：“帐号”（2 个值）；“所在部门”（2 个值）；“职位”（2 个值）；“性别”（2 个值）；" +
    "“是否部门内领导”（2 个值）；“排序”（2 个值）；“别名”（1 个值）；“禁用”（2 个值）");
  // The downloaded report ends with the same line.
  const [report] = await Promise.all([page.waitForEvent("download"), page.getByTestId("csv-report-download").click()]);
  const reportText = Buffer.concat(await (await report.createReadStream()).toArray()).toString("utf8");
  expect(reportText.trimEnd().split("\r\n").at(-1)).toBe(
    ",,,未导入的列：“帐号”（2 个值）；“所在部门”（2 个值）；“职位”（2 个值）；“性别”（2 个值）；" +
    "“是否部门内领导”（2 个值）；“排序”（2 个值）；“别名”（1 个值）；“禁用”（2 个值）");

  const ada = await openCustomer(page, "Ada Lovelace");
  for (const text of ["Analytical Engines Ltd", "+44 20 7946 0000", "+44 20 7946 0001", "ada@example.com", "1990-07-04"]) {
    await expect(ada).toContainText(text);
  }
  const john = await openCustomer(page, "John Q Smith");
  for (const text of ["Contoso Ltd", "(425) 555-0199", "j.smith@example.org", "1990-05-01"]) {
    await expect(john).toContainText(text);
  }
  const zhang = await openCustomer(page, "张三");
  for (const text of ["020-12345678", "13800138000", "zhangsan@example.com", "广州市海珠区新港中路"]) {
    await expect(zhang).toContainText(text);
  }
  const li = await openCustomer(page, "李四");
  await expect(li).toContainText("13900139000");
  await expect(li.locator(".notes")).toHaveText("导入时未能识别: 邮箱: lisi@example\n导入时未能识别: 座机: -5");
  expect(errors).toEqual([]);
});

test("RFC 6350 / RFC 2426 example vCards and an iCloud export: exact values, and what was left is named", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, "/data");
  const importVcf = async (file, summary, left) => {
    await page.getByTestId("vcard-file").setInputFiles(`${vcardFixtures}/${file}`);
    const report = page.getByTestId("vcard-report");
    await expect(report).toContainText(summary);
    if (left) await expect(report).toContainText(`未导入的字段：${left}`);
    else await expect(report).not.toContainText("未导入的字段");
  };
  await importVcf("rfc6350-author.vcf", "已导入 1 位联系人，新建 1 位客户，跳过 0 张。",
    "ANNIVERSARY ×1；GENDER ×1；LANG ×2；ADR ×1；GEO ×1；KEY ×1；TZ ×1；URL ×1");
  await importVcf("rfc2426-authors.vcf", "已导入 2 位联系人，新建 2 位客户，跳过 0 张。", "ADR ×2；URL ×1");
  await importVcf("rfc6350-properties.vcf", "已导入 0 位联系人，新建 1 位客户，跳过 0 张。",
    "TITLE ×1；NICKNAME ×1；ROLE ×1");
  await importVcf("rfc6350-kinds.vcf", "已导入 1 位联系人，新建 4 位客户，跳过 2 张。", "ORG ×1");
  await importVcf("icloud-quirks.vcf", "已导入 1 位联系人，新建 2 位客户，跳过 0 张。",
    "X-ABLABEL ×3；URL ×1；PHOTO ×1；X-SOCIALPROFILE ×1");

  await openCustomer(page, "Viagenie");
  const simon = page.getByTestId("contact-row").filter({ hasText: "Simon Perreault" });
  await expect(simon).toContainText("+1-418-656-9254 ext. 102");
  await expect(simon).toContainText("+1-418-262-6501");
  await expect(simon).toContainText("simon.perreault@viagenie.ca");

  await openCustomer(page, "Lotus Development Corporation");
  const frank = page.getByTestId("contact-row").filter({ hasText: "Frank Dawson" });
  await expect(frank).toContainText("+1-919-676-9515");
  await expect(frank).toContainText("+1-919-676-9564");
  await expect(frank).toContainText("Frank_Dawson@Lotus.com");
  await openCustomer(page, "Netscape Communications Corp.");
  await expect(page.getByTestId("contact-row").filter({ hasText: "Tim Howes" })).toContainText("howes@netscape.com");

  const john = await openCustomer(page, "Mr. John Q. Public, Esq.");
  for (const text of ["+1-555-555-5555 ext. 5555", "+33-01-23-45-67", "jqpublic@xyz.example.com", "--04-15"]) {
    await expect(john).toContainText(text);
  }
  await expect(john.locator(".notes")).toHaveText("This fax number is operational 0800 to 1715 EST, Mon-Fri.");

  await openCustomer(page, "星辰贸易有限公司");
  await expect(page.locator("main")).toContainText("010-6552 9988");
  const wang = page.getByTestId("contact-row").filter({ hasText: "王小明" });
  await expect(wang).toContainText("采购经理 · 采购部");
  await expect(wang).toContainText("+86 139 0000 1111");
  await expect(wang).toContainText("010-6552 9988 ext 8021");
  const ada = await openCustomer(page, "Ada Lovelace");
  await expect(ada).toContainText("+44 20 7946 0958");
  await expect(ada).toContainText("--12-10");
  expect(errors).toEqual([]);
});

test("a Google birthday without a year is imported as such, shown in the form, and can be cleared", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, "/data");
  await page.getByTestId("csv-file").setInputFiles(
    csvFile("google-yearless.csv", "Name,Given Name,Family Name,Birthday\nGrace Hopper,Grace,Hopper,--12-09\n"),
  );
  await page.getByTestId("csv-run").click();
  await expect(page.getByTestId("csv-report")).toBeVisible();
  await expect(page.getByTestId("csv-rejected")).toHaveCount(0);

  const grace = await openCustomer(page, "Grace Hopper");
  await expect(grace).toContainText("--12-09");
  await page.getByTestId("edit-customer").click();
  await expect(page.locator("#birthday")).toHaveValue("");
  await expect(page.getByTestId("birthday-yearless")).toContainText("已存生日（不含年份）：--12-09");
  // Saving other edits keeps it; clearing it removes it.
  await page.locator("#region").fill("Arlington");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText("Grace Hopper");
  await expect(page.locator("main")).toContainText("--12-09");
  await page.getByTestId("edit-customer").click();
  await page.getByTestId("birthday-yearless-clear").click();
  await expect(page.getByTestId("birthday-yearless")).toHaveCount(0);
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText("Grace Hopper");
  await page.reload();
  await expect(page.locator("main")).toContainText("Arlington");
  await expect(page.locator("main")).not.toContainText("--12-09");
  expect(errors).toEqual([]);
});
