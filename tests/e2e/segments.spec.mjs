// Saved segments and do-not-contact (issue 13): a filter saved under a name with a live count,
// reused after a reload, exported alone; an opted-out contact or customer left out of the
// export for marketing, with the page saying how many. Also the screenshots of the segment
// sidebar and the opt-out form in both languages, desktop and phone, light and dark.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCustomer, openApp, watchErrors } from "./helpers.mjs";

const scratch = mkdtempSync(join(tmpdir(), "guanxi-segments-"));

/** Clicks `testId`, waits for the download and returns its text (UTF-8, BOM removed). */
async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const path = join(scratch, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return readFileSync(path, "utf8").replace(/^\uFEFF/, "");
}

/** The first cell of every data row of a CSV we wrote (names contain no commas here). */
function firstColumn(csv) {
  return csv.trimEnd().split("\r\n").slice(1).map((row) => row.split(",")[0]).sort();
}

async function addCustomer(page, name, industry) {
  await page.goto("/customers");
  await createCustomer(page, { name, industry });
}

async function addContact(page, name, { optOut = false } = {}) {
  await page.getByTestId("add-contact").click();
  await page.locator("#contact-name").fill(name);
  if (optOut) {
    await page.getByTestId("contact-opt-out-toggle").check();
    // Turning it on fills in today.
    await expect(page.locator("#contact-opt-out-date")).not.toHaveValue("");
    await page.locator("#contact-opt-out-channel").selectOption({ label: "邮件" });
  }
  await page.getByTestId("save-contact").click();
  await expect(page.getByTestId("contact-row").filter({ hasText: name })).toBeVisible();
}

async function openCustomer(page, name) {
  await page.goto("/customers?archived=all");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByTestId("customer-name")).toHaveText(name);
}

const segmentRow = (page, name) => page.getByTestId("segment").filter({ hasText: name });

test("a saved segment counts live, survives a reload and exports only its customers; opted-out people are left out for marketing", async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page);
  await addCustomer(page, "甲软件公司", "软件");
  await addCustomer(page, "乙软件公司", "软件");
  await addCustomer(page, "丙制造公司", "制造");
  await addCustomer(page, "丁贸易公司", "贸易");

  // Filter the list by industry and save the filter.
  await page.goto("/customers");
  await page.getByTestId("filters").locator("summary").click();
  await page.getByTestId("filter-industry").selectOption("软件");
  await expect(page.getByTestId("customer-row")).toHaveCount(2);
  await page.getByTestId("save-segment").click();
  const dialog = page.getByTestId("dialog");
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId("dialog-confirm")).toBeDisabled();
  await page.getByTestId("segment-name-input").fill("软件客户");
  await page.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("toast").filter({ hasText: "已保存分组“软件客户”。" })).toBeVisible();
  await expect(segmentRow(page, "软件客户").getByTestId("segment-count")).toHaveText("2");
  await expect(segmentRow(page, "软件客户")).toHaveClass(/active/);

  // A second segment with the same name (in another width and case) is refused with a reason.
  await page.getByTestId("filter-industry").selectOption("制造");
  await page.getByTestId("save-segment").click();
  await page.getByTestId("segment-name-input").fill(" 软件客户 ");
  await expect(page.getByTestId("segment-name-error")).toHaveText("已有同名的分组。");
  await expect(page.getByTestId("dialog-confirm")).toBeDisabled();
  await page.getByTestId("dialog-cancel").click();

  // Moving a customer into the industry changes the count without a reload.
  await openCustomer(page, "丙制造公司");
  await page.getByTestId("edit-customer").click();
  await page.locator("#industry").fill("软件");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText("丙制造公司");
  await page.goto("/customers");
  await expect(segmentRow(page, "软件客户").getByTestId("segment-count")).toHaveText("3");
  await expect(page.getByTestId("customer-row")).toHaveCount(4);

  // After a reload the segment is still there; a click shows it (its query in the URL).
  await page.reload();
  await segmentRow(page, "软件客户").getByRole("link").click();
  await expect(page).toHaveURL(/industry=/);
  await expect(page.getByTestId("customer-row")).toHaveCount(3);
  await expect(segmentRow(page, "软件客户")).toHaveClass(/active/);

  // Export honours the segment: three customers, not the trading company.
  await page.getByTestId("list-export").locator("summary").click();
  await expect(page.getByTestId("export-scope")).toHaveText("导出分组“软件客户”中的 3 位客户。");
  const customers = await download(page, "list-export-customers");
  expect(firstColumn(customers)).toEqual(["丙制造公司", "乙软件公司", "甲软件公司"].sort());
  await expect(page.getByTestId("export-status")).toHaveText("已导出 3 位客户。");

  // One contact opts out of e-mail marketing; the other does not.
  await openCustomer(page, "甲软件公司");
  await addContact(page, "张伟");
  await addContact(page, "李娜", { optOut: true });
  await expect(page.getByTestId("contact-row").filter({ hasText: "李娜" }).getByTestId("contact-opt-out-badge"))
    .toContainText("不接受营销联系（邮件）");
  // And a customer opts out of every channel through its form.
  await openCustomer(page, "乙软件公司");
  await page.getByTestId("edit-customer").click();
  await page.getByTestId("customer-opt-out-toggle").check();
  await page.locator("#customer-opt-out-date").fill("2099-01-01");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-opt-out-date-error")).toHaveText("不能是将来的日期");
  const today = new Date().toLocaleDateString("sv-SE");
  await page.locator("#customer-opt-out-date").fill(today);
  await page.getByTestId("save").click();
  await expect(page.getByTestId("opt-out-badge")).toHaveText(`自 ${today} 起不接受营销联系（全部渠道）`);

  // The export for marketing leaves both out and says so.
  await page.goto("/customers");
  await segmentRow(page, "软件客户").getByRole("link").click();
  await page.getByTestId("list-export").locator("summary").click();
  const everyone = await download(page, "list-export-contacts");
  expect(firstColumn(everyone)).toEqual(["甲软件公司", "甲软件公司"]);
  await page.getByTestId("export-marketing").check();
  const contacts = await download(page, "list-export-contacts");
  expect(contacts).toContain("张伟");
  expect(contacts).not.toContain("李娜");
  await expect(page.getByTestId("export-status")).toHaveText("已导出 1 位联系人。1 位已退订营销，未导出。");
  const vcards = await download(page, "list-export-vcard");
  expect(vcards).toContain("FN:张伟");
  expect(vcards).not.toContain("李娜");

  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const marketingCustomers = await download(page, "list-export-customers");
  expect(firstColumn(marketingCustomers)).toEqual(["丙制造公司", "甲软件公司"].sort());
  await expect(page.getByTestId("export-status")).toHaveText("Exported 2 customers. 1 left out: opted out of marketing.");
  // By phone, the contact who refused only e-mail is reached.
  await page.locator("#export-channel").selectOption({ label: "Phone" });
  await download(page, "list-export-contacts");
  await expect(page.getByTestId("export-status")).toHaveText("Exported 2 contacts. 0 left out: opted out of marketing.");

  // Rename, then delete with confirmation; customers stay.
  await segmentRow(page, "软件客户").getByTestId("segment-rename").click();
  await page.getByTestId("segment-name-input").fill("Software");
  await page.getByTestId("dialog-confirm").click();
  await expect(segmentRow(page, "Software").getByTestId("segment-count")).toHaveText("3");
  await segmentRow(page, "Software").getByTestId("segment-delete").click();
  await expect(page.getByTestId("dialog")).toContainText("Only the segment is deleted; no customer is.");
  await page.getByTestId("dialog-confirm").click();
  await expect(page.getByTestId("segment")).toHaveCount(0);
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row")).toHaveCount(4);
  expect(errors).toEqual([]);
});

const sizes = [
  { label: "desktop", width: 1280, height: 800 },
  { label: "phone", width: 360, height: 740 },
];
const langs = [
  { tag: "zh-CN", loaded: "演示客户", segment: "A 类客户" },
  { tag: "en", loaded: "demo customers loaded", segment: "A customers" },
];

for (const lang of langs) {
  for (const size of sizes) {
    test(`segment sidebar and opt-out form in ${lang.tag} at ${size.label} width`, async ({ browser }) => {
      const context = await browser.newContext({
        locale: lang.tag,
        viewport: { width: size.width, height: size.height },
        // Only so the un-sticking style below can be injected (see screenshots.spec.mjs).
        bypassCSP: true,
      });
      const page = await context.newPage();
      const errors = watchErrors(page);
      const shot = async (name) => {
        for (const scheme of ["light", "dark"]) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.addStyleTag({ content: ".topbar { position: static !important; }" });
          const suffix = scheme === "dark" ? "-dark" : "";
          await page.screenshot({ path: `screenshots/${name}${suffix}-${lang.tag}-${size.label}.png`, fullPage: true });
        }
        await page.emulateMedia({ colorScheme: "light" });
      };
      await openApp(page, "/settings");
      await page.getByTestId("demo-100").click();
      await expect(page.getByTestId("toast").filter({ hasText: lang.loaded })).toBeVisible({ timeout: 60_000 });

      await page.goto("/customers?class=A");
      await expect(page.getByTestId("customer-row").first()).toBeVisible();
      if (size.label === "phone") {
        // Folded on a phone, so the list stays on the first screen.
        await expect(page.getByTestId("segments")).not.toHaveAttribute("open", "");
        await page.getByTestId("segments").locator("summary").click();
      }
      await page.getByTestId("save-segment").click();
      await page.getByTestId("segment-name-input").fill(lang.segment);
      await page.getByTestId("dialog-confirm").click();
      await expect(segmentRow(page, lang.segment)).toHaveClass(/active/);
      await page.getByTestId("list-export").locator("summary").click();
      await page.getByTestId("export-marketing").check();
      await shot("customers-segments");

      await page.goto("/customers?sort=created&dir=asc");
      await page.locator("[data-testid=customer-row] .cell-main a").first().click();
      await page.getByTestId("edit-customer").click();
      await page.getByTestId("customer-opt-out-toggle").check();
      await page.locator("#customer-opt-out-note").fill(lang.tag === "en" ? "Asked on the phone" : "电话中要求");
      await page.getByTestId("customer-opt-out").scrollIntoViewIfNeeded();
      await shot("customer-opt-out-form");
      await page.getByTestId("save").click();
      await expect(page.getByTestId("opt-out-badge")).toBeVisible();
      await shot("customer-opt-out-badge");
      expect(errors).toEqual([]);
      await context.close();
    });
  }
}
