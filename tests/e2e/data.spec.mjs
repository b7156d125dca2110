// Backup and interchange through the real file inputs and downloads: lossless backup and
// restore (replace and merge), hostile files that must change nothing, CSV import in the
// encodings Excel writes, and CSV / vCard / ICS exports.
import { test, expect } from "@playwright/test";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCustomer, openApp, watchErrors } from "./helpers.mjs";

const fixtures = "tests/fixtures/csv";
const scratch = mkdtempSync(join(tmpdir(), "guanxi-e2e-"));

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const path = join(scratch, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path, bytes: readFileSync(path) };
}

async function customerCount(page) {
  await page.goto("/customers?archived=all");
  // Wait until the stored data is shown: rows, or the empty state.
  await expect(page.locator("[data-testid=customer-row], [data-testid=empty-state]").first()).toBeVisible();
  return page.getByTestId("customer-row").count();
}

async function seed(page) {
  await openApp(page);
  await createCustomer(page, { name: "杭州青竹茶业 🍵", phone: "13900139000", email: "buy@qingzhu.example.cn" });
  await page.getByTestId("add-contact").click();
  await page.locator("#contact-name").fill("陈静");
  await page.getByTestId("save-contact").click();
  await page.locator("#interaction-summary").fill("春茶报价");
  await page.getByTestId("interaction-files").setInputFiles({
    name: "报价.txt", mimeType: "text/plain", buffer: Buffer.from("¥1,200 / 斤"),
  });
  await page.getByTestId("save-interaction").click();
  await expect(page.getByTestId("attachment")).toBeVisible();
  await page.locator("#follow-up-purpose").fill("确认订单");
  await page.getByTestId("save-follow-up").click();
  await expect(page.getByTestId("timeline-follow-up")).toBeVisible();
}

test("a backup restores everything, attachments included, after erasing all data", async ({ page }) => {
  const errors = watchErrors(page);
  await seed(page);
  await page.goto("/data");
  await expect(page.getByTestId("last-backup")).toHaveText("还没有备份过。");
  const backup = await download(page, "backup-download");
  expect(backup.name).toMatch(/^guanxi-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const json = JSON.parse(backup.bytes.toString("utf8"));
  expect(json.format).toBe("guanxi-backup");
  expect(json.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
  await expect(page.getByTestId("last-backup")).toContainText("上次备份");

  await page.goto("/settings");
  await page.getByTestId("erase-all").click();
  await page.getByTestId("erase-typed").fill("全部删除");
  await page.getByTestId("dialog-confirm").click();
  expect(await customerCount(page)).toBe(0);

  await page.goto("/data");
  await page.getByTestId("restore-file").setInputFiles(backup.path);
  await expect(page.getByTestId("restore-summary")).toContainText("1 客户");
  await expect(page.getByTestId("restore-summary")).toContainText("1 附件");
  // Every kind the restore would write is counted, opportunities included.
  await expect(page.getByTestId("restore-count-opportunities")).toContainText("商机");
  await page.getByTestId("mode-replace").check();
  await page.getByTestId("restore-run").click();
  await page.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("toast").filter({ hasText: "恢复完成" })).toBeVisible();

  await page.reload();
  await page.goto("/customers");
  await page.getByRole("link", { name: "杭州青竹茶业 🍵" }).click();
  await expect(page.getByTestId("contact-row")).toContainText("陈静");
  await expect(page.getByTestId("timeline-follow-up")).toContainText("确认订单");
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("attachment").locator("button.link").click(),
  ]);
  const path = join(scratch, "restored-attachment");
  await file.saveAs(path);
  expect(readFileSync(path).toString("utf8")).toBe("¥1,200 / 斤");
  expect(errors).toEqual([]);
});

test("merge keeps the newer local edit and adds what is missing", async ({ page }) => {
  await seed(page);
  await page.goto("/data");
  const backup = await download(page, "backup-download");
  // After the backup: rename locally (newer) and add another customer.
  await page.goto("/customers");
  await page.getByRole("link", { name: "杭州青竹茶业 🍵" }).click();
  await page.getByTestId("edit-customer").click();
  await page.locator("#name").fill("杭州青竹茶业（新名）");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText("杭州青竹茶业（新名）");
  // Remove the contact locally; merge must bring it back (it is missing here).
  await page.getByTestId("contact-row").getByRole("button", { name: "删除" }).click();
  await expect(page.getByTestId("contact-row")).toHaveCount(0);

  await page.goto("/data");
  await page.getByTestId("restore-file").setInputFiles(backup.path);
  await page.getByTestId("mode-merge").check();
  await page.getByTestId("restore-run").click();
  await page.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("toast").filter({ hasText: "恢复完成" })).toBeVisible();
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
  await expect(page.getByTestId("customer-row")).toContainText("杭州青竹茶业（新名）");
});

test("hostile backup files are refused with a clear message and change nothing", async ({ page }) => {
  await seed(page);
  await page.goto("/data");
  const good = await download(page, "backup-download");
  const text = good.bytes.toString("utf8");
  const tampered = text.replace("春茶报价", "春茶报价!");
  const tooNew = text.replace('"format_version":1', '"format_version":99');
  const cases = [
    ["empty.json", Buffer.alloc(0), "文件是空的"],
    ["truncated.json", Buffer.from(text.slice(0, Math.floor(text.length / 2))), "不完整"],
    ["binary.json", Buffer.from([0, 159, 146, 150, 255, 0, 1, 2]), "不是关系 CRM 的备份"],
    ["other.json", Buffer.from('{"hello":"world"}'), "不是关系 CRM 的备份"],
    ["customers.csv", readFileSync(`${fixtures}/customers-utf8-bom.csv`), "不是关系 CRM 的备份"],
    ["tampered.json", Buffer.from(tampered), "校验失败"],
    ["new.json", Buffer.from(tooNew), "更新版本"],
    // A backup's envelope without its version: damaged, said without internal field names.
    ["no-version.json", Buffer.from('{"format":"guanxi-backup","data":{}}'), "内容不完整或已损坏"],
  ];
  for (const [name, buffer, message] of cases) {
    await page.getByTestId("restore-file").setInputFiles({ name, mimeType: "application/json", buffer });
    await expect(page.getByTestId("restore-error"), name).toContainText(message);
    await expect(page.getByTestId("restore-error"), name).not.toContainText("format_version");
    await expect(page.getByTestId("restore-summary")).toHaveCount(0);
  }
  // A 50 MB file of junk: refused without freezing the page.
  const big = join(scratch, "big.json");
  writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x20));
  await page.getByTestId("restore-file").setInputFiles(big);
  await expect(page.getByTestId("restore-error")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("backup-download")).toBeEnabled();

  expect(await customerCount(page)).toBe(1);
});

test("CSV import takes the course's lifecycle stages however they are written", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, "/data");
  await page.getByTestId("csv-file").setInputFiles(`${fixtures}/customers-course-stages.csv`);
  await expect(page.getByTestId("csv-preview-row")).toHaveCount(7);
  await page.getByTestId("csv-run").click();
  await expect(page.getByTestId("csv-report")).toBeVisible();
  await expect(page.getByTestId("csv-rejected")).toHaveCount(0);
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(7);
  for (const [name, stage] of [
    ["甲公司", "潜在期"], ["乙公司", "开发期"], ["丙公司", "成长期"], ["丁公司", "成熟期"],
    ["戊公司", "衰退期"], ["己公司", "终止期"], ["庚公司", "成熟期"],
  ]) {
    await expect(page.getByTestId("customer-row").filter({ hasText: name })).toContainText(stage);
  }
  expect(errors).toEqual([]);
});

test("Google and Outlook contact exports import whole: joined names, every phone and e-mail, US dates", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, "/data");
  await page.getByTestId("csv-file").setInputFiles(`${fixtures}/google-contacts.csv`);
  await expect(page.getByTestId("csv-preview-row")).toHaveCount(1);
  await page.getByTestId("csv-run").click();
  await expect(page.getByTestId("csv-report")).toBeVisible();
  await expect(page.getByTestId("csv-rejected")).toHaveCount(0);
  await page.getByTestId("csv-file").setInputFiles(`${fixtures}/outlook-contacts.csv`);
  await expect(page.getByTestId("csv-preview-row")).toHaveCount(1);
  await page.getByTestId("csv-run").click();
  // The report shows once the import is stored; leaving the page before would abandon it.
  await expect(page.getByTestId("csv-report")).toBeVisible();
  await expect(page.getByTestId("csv-rejected")).toHaveCount(0);

  await page.goto("/customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(2);
  await page.getByRole("link", { name: "Ada Lovelace" }).click();
  const ada = page.locator("main");
  await expect(ada).toContainText("Analytical Engines Ltd");
  await expect(ada).toContainText("+44 20 7946 0000");
  await expect(ada).toContainText("+44 20 7946 0001");
  await expect(ada).toContainText("ada@example.com");
  await expect(ada).toContainText("1990-07-04");
  await page.goto("/customers");
  await page.getByRole("link", { name: "John Q Smith" }).click();
  const john = page.locator("main");
  await expect(john).toContainText("Contoso Ltd");
  await expect(john).toContainText("(425) 555-0199");
  await expect(john).toContainText("j.smith@example.org");
  await expect(john).toContainText("1990-05-01");
  expect(errors).toEqual([]);
});

for (const [file, encoding] of [
  ["customers-gbk.csv", "gb18030"],
  ["customers-utf8-bom.csv", "utf-8"],
  ["customers-utf16le.csv", "utf-16le"],
]) {
  test(`CSV import from ${file}: encoding ${encoding} detected, Chinese headers mapped`, async ({ page }) => {
    await openApp(page, "/data");
    await page.getByTestId("csv-file").setInputFiles(`${fixtures}/${file}`);
    await expect(page.getByTestId("csv-encoding")).toHaveValue(String(["utf-8", "gb18030", "utf-16le", "utf-16be"].indexOf(encoding)));
    await expect(page.getByTestId("csv-rows")).toContainText("3");
    await expect(page.getByTestId("csv-mapping")).toContainText("客户名称");
    await expect(page.getByTestId("map-0").locator("option:checked")).toHaveText("名称");
    await expect(page.getByTestId("map-1").locator("option:checked")).toHaveText("联系人姓名");
    await expect(page.getByTestId("map-2").locator("option:checked")).toHaveText("手机");
    await expect(page.getByTestId("csv-preview-row")).toHaveCount(3);
    await page.getByTestId("csv-run").click();
    await expect(page.getByTestId("csv-report")).toContainText("3");
    await page.goto("/customers");
    await expect(page.getByTestId("customer-row")).toHaveCount(3);
    await page.getByRole("link", { name: "深圳远航物流有限公司" }).click();
    await expect(page.getByTestId("contact-row")).toContainText("张伟");
    await expect(page.locator(".notes")).toContainText("多行备注\n第二行");
  });
}

test("CSV import reports bad rows, skips duplicates, and the report downloads", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "Contoso Ltd" });
  await page.goto("/data");
  await page.getByTestId("csv-file").setInputFiles(`${fixtures}/customers-semicolon.csv`);
  await expect(page.getByTestId("csv-delimiter")).toHaveValue(";");
  await expect(page.getByTestId("csv-ragged")).toBeVisible();
  await page.getByTestId("policy-skip").check();
  // The strict choice: a row with a bad value (Broken Row's e-mail and class) is refused whole.
  await page.getByTestId("bad-reject").check();
  await page.getByTestId("csv-run").click();
  await expect(page.getByTestId("csv-report")).toBeVisible();
  await expect(page.getByTestId("csv-rejected").first()).toBeVisible();
  const report = await download(page, "csv-report-download");
  const text = report.bytes.toString("utf8");
  expect(text).toContain("Broken Row Inc");
  expect(text).toContain("Contoso Ltd");
  await page.goto("/customers");
  // Northwind created; Contoso skipped as a duplicate; the broken and ragged rows rejected.
  await expect(page.getByTestId("customer-row")).toHaveCount(2);
});

test("CSV, vCard and ICS exports carry the data (BOM, GB18030, formula neutralised)", async ({ page }) => {
  await seed(page);
  await page.goto("/customers");
  await createCustomer(page, { name: "=HYPERLINK(\"http://x\")" });
  await page.goto("/data");
  const utf8 = await download(page, "export-customers");
  expect([...utf8.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = utf8.bytes.toString("utf8");
  expect(text).toContain("杭州青竹茶业 🍵");
  expect(text).toContain("'=HYPERLINK");
  expect(text).not.toMatch(/(^|,)=HYPERLINK/m);

  await page.getByTestId("export-gb18030").check();
  const gb = await download(page, "export-customers");
  const decoded = new TextDecoder("gb18030").decode(gb.bytes);
  expect(decoded).toContain("杭州青竹茶业 🍵");
  expect(gb.bytes.includes(Buffer.from("杭州", "utf8"))).toBe(false);

  const vcf = (await download(page, "export-vcard")).bytes.toString("utf8");
  expect(vcf).toContain("BEGIN:VCARD");
  expect(vcf).toContain("FN:陈静");
  expect(vcf).toContain("ORG:杭州青竹茶业 🍵");
  const ics = (await download(page, "export-ics")).bytes.toString("utf8");
  expect(ics).toContain("BEGIN:VEVENT");
  expect(ics).toContain("确认订单");
});

test("vCard import puts contacts under their organisation", async ({ page }) => {
  await openApp(page, "/data");
  const vcf = [
    "BEGIN:VCARD", "VERSION:3.0", "N:王;小明;;;", "FN:王小明", "ORG:北京星辰科技有限公司", "TITLE:采购经理",
    "TEL;TYPE=CELL:13800138000", "EMAIL;TYPE=INTERNET,WORK:wang@xingchen.example.cn",
    "NOTE:年底续约\\n先联系采购", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "FN:李雷", "ORG:北京星辰科技有限公司", "END:VCARD",
    "BEGIN:VCARD", "VERSION:4.0", "FN:Ada Lovelace", "TEL;TYPE=home:+44 20 7946 0000", "END:VCARD",
  ].join("\r\n");
  await page.getByTestId("vcard-file").setInputFiles({ name: "contacts.vcf", mimeType: "text/vcard", buffer: Buffer.from(vcf) });
  await expect(page.getByTestId("toast").filter({ hasText: "已导入 2 位联系人" })).toBeVisible();
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(2);
  await page.getByRole("link", { name: "北京星辰科技有限公司" }).click();
  await expect(page.getByTestId("contact-row")).toHaveCount(2);
  await expect(page.getByTestId("contact-row").filter({ hasText: "王小明" })).toContainText("13800138000");
  // The card's note is shown with the contact, and the contact form edits it.
  const wang = page.getByTestId("contact-row").filter({ hasText: "王小明" });
  await expect(wang.getByTestId("contact-notes")).toHaveText("年底续约\n先联系采购");
  await wang.getByRole("button", { name: "编辑" }).click();
  await expect(page.locator("#contact-notes-input")).toHaveValue("年底续约\n先联系采购");
  await page.locator("#contact-notes-input").fill("已续约");
  await page.getByTestId("save-contact").click();
  await expect(wang.getByTestId("contact-notes")).toHaveText("已续约");
  await page.reload();
  await expect(page.getByTestId("contact-row").filter({ hasText: "王小明" }).getByTestId("contact-notes")).toHaveText("已续约");

  await page.goto("/data");
  await page.getByTestId("vcard-file").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await expect(page.getByTestId("vcard-error")).toContainText("没有可读的 vCard");
});

test("hostile CSV files get a clear message and change nothing", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "Existing Co" });
  await page.goto("/data");
  const cases = [
    ["empty.csv", Buffer.alloc(0), "没有数据"],
    ["binary.csv", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), "无法按所选编码读取"],
    ["unbalanced.csv", Buffer.from('名称,电话\n"未闭合的引号,123\n'), "格式错误"],
  ];
  for (const [name, buffer, message] of cases) {
    await page.getByTestId("csv-file").setInputFiles({ name, mimeType: "text/csv", buffer });
    await expect(page.getByTestId("csv-error"), name).toContainText(message);
    await expect(page.getByTestId("csv-run")).toHaveCount(0);
  }
  // A backup file given to the CSV import: no column maps to the name, so nothing is imported.
  await page.getByTestId("csv-file").setInputFiles({
    name: "backup.json", mimeType: "application/json", buffer: Buffer.from('{"format":"guanxi-backup","data":{}}'),
  });
  await page.getByTestId("csv-run").click();
  await expect(page.getByTestId("csv-error")).toContainText("名称");
  await page.goto("/customers?archived=all");
  await expect(page.getByTestId("customer-row")).toHaveCount(1);
});

test("after 7 days without a backup a gentle reminder shows, and a backup clears it", async ({ page }) => {
  await openApp(page);
  await createCustomer(page, { name: "Reminder Co" });
  await expect(page.getByTestId("backup-reminder")).toHaveCount(0);
  // Pretend the first save was eight days ago.
  await page.evaluate(() => localStorage.setItem("guanxi.firstSave", String(Date.now() - 8 * 86400_000)));
  await page.reload();
  await expect(page.getByTestId("backup-reminder")).toContainText("超过 7 天没有备份");
  await page.goto("/data");
  await download(page, "backup-download");
  await expect(page.getByTestId("backup-reminder")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("backup-reminder")).toHaveCount(0);
  await page.goto("/settings");
  await expect(page.getByTestId("settings-last-backup")).toContainText("上次备份");
  await expect(page.getByTestId("settings-last-backup")).toContainText("（0 天前）");
});
