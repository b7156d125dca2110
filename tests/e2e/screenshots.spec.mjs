// Every page in zh-CN and en, at desktop and phone width, saved under screenshots/ for people to
// look at. Each page must render its heading without a page error.
import { test, expect } from "@playwright/test";
import { openApp, watchErrors } from "./helpers.mjs";

const sizes = [
  { label: "desktop", width: 1280, height: 800 },
  { label: "phone", width: 360, height: 740 },
];
const langs = [
  { tag: "zh-CN", loaded: "演示客户" },
  { tag: "en", loaded: "demo customers loaded" },
];

for (const lang of langs) {
  for (const size of sizes) {
    test(`pages in ${lang.tag} at ${size.label} width`, async ({ browser }) => {
      const context = await browser.newContext({
        locale: lang.tag,
        viewport: { width: size.width, height: size.height },
        // Only so the un-sticking style below can be injected; the policy itself is tested
        // in security.spec.mjs.
        bypassCSP: true,
      });
      const page = await context.newPage();
      const errors = watchErrors(page);
      // Full-page shots stitch the page together; a sticky header would appear mid-page.
      const shot = async (name) => {
        await page.addStyleTag({ content: ".topbar { position: static !important; }" });
        await page.screenshot({ path: `screenshots/${name}-${lang.tag}-${size.label}.png`, fullPage: true });
      };

      await openApp(page);
      await expect(page.getByTestId("empty-state")).toBeVisible();
      await shot("customers-empty");

      await page.goto("/settings");
      await page.getByTestId("demo-100").click();
      await expect(page.getByTestId("toast").filter({ hasText: lang.loaded })).toBeVisible({ timeout: 60_000 });
      await shot("settings");

      await page.goto("/customers");
      await expect(page.getByTestId("customer-row")).toHaveCount(50);
      await shot("customers");
      if (size.label === "phone") {
        // The sections fold into a menu on a phone; shot on a fresh page, as the sticky header
        // (un-stuck above for full-page shots) is what the menu hangs from.
        await page.reload();
        await expect(page.getByTestId("customer-row")).toHaveCount(50);
        await page.getByTestId("menu-toggle").click();
        await expect(page.locator("#main-nav")).toBeVisible();
        await page.screenshot({ path: `screenshots/menu-open-${lang.tag}-${size.label}.png` });
        await page.keyboard.press("Escape");
      }
      await page.getByTestId("filters").locator("summary").click();
      if (size.label === "desktop") {
        // Row checkboxes are hidden on phones (bulk actions are a desktop task).
        await page.getByTestId("row-check").nth(0).check();
        await page.getByTestId("row-check").nth(1).check();
        await expect(page.getByTestId("bulk-bar")).toBeVisible();
      }
      await shot("customers-filters-bulk");

      // The first demo customer has contacts, interactions and follow-ups.
      await page.goto("/customers?sort=created&dir=asc");
      await page.locator("[data-testid=customer-row] .cell-main a").first().click();
      await expect(page.getByTestId("timeline")).toBeVisible();
      await expect(page.getByTestId("completeness")).toBeVisible();
      await shot("customer-detail");

      await page.goto("/customers/new");
      await page.getByTestId("add-email").click();
      await page.locator("#email-0").fill("wrong@");
      await page.getByTestId("save").click();
      await expect(page.getByTestId("name-error")).toBeVisible();
      await shot("customer-form-errors");

      for (const [path, name, ready] of [
        ["/follow-ups", "follow-ups", "h1"],
        ["/visits", "visit-plan", "h1"],
        ["/report", "daily-report", "[data-testid=report-totals]"],
        ["/care", "care", "[data-testid=birthday-row]"],
        ["/trash", "trash", "h1"],
        ["/data", "data", "[data-testid=backup-card]"],
        ["/no-such-page", "not-found", "[data-testid=empty-state]"],
      ]) {
        await page.goto(path);
        await expect(page.locator(ready).first()).toBeVisible();
        await shot(name);
      }

      // The CSV import wizard with a Chinese Excel file loaded.
      await page.goto("/data");
      await page.getByTestId("csv-file").setInputFiles("tests/fixtures/csv/customers-gbk.csv");
      await expect(page.getByTestId("csv-preview-row")).toHaveCount(3);
      await shot("data-csv-import");

      await page.emulateMedia({ colorScheme: "dark" });
      await page.goto("/customers");
      await expect(page.getByTestId("customer-row").first()).toBeVisible();
      await shot("customers-dark");
      await page.goto("/customers?sort=created&dir=asc");
      await page.locator("[data-testid=customer-row] .cell-main a").first().click();
      await expect(page.getByTestId("timeline")).toBeVisible();
      await shot("customer-detail-dark");
      await page.goto("/customers/new");
      await page.getByTestId("add-phone").click();
      await page.locator("#phone-0").fill("-5");
      await page.getByTestId("save").click();
      await expect(page.getByTestId("name-error")).toBeVisible();
      await shot("customer-form-errors-dark");
      await page.goto("/settings");
      await page.getByTestId("erase-all").click();
      await expect(page.getByTestId("erase-typed")).toBeVisible();
      await shot("erase-dialog-dark", false);

      expect(errors).toEqual([]);
      await context.close();
    });
  }
}

// The opportunity pages (issue 6) with demo data: board, list, forecast, form, the win dialog
// and the pipeline editor in Settings, in both languages at desktop and phone width.
for (const lang of langs) {
  for (const size of sizes) {
    test(`opportunity pages in ${lang.tag} at ${size.label} width`, async ({ browser }) => {
      const context = await browser.newContext({
        locale: lang.tag,
        viewport: { width: size.width, height: size.height },
        bypassCSP: true,
      });
      const page = await context.newPage();
      const errors = watchErrors(page);
      const shot = async (name, fullPage = true) => {
        await page.addStyleTag({ content: ".topbar { position: static !important; }" });
        await page.screenshot({ path: `screenshots/${name}-${lang.tag}-${size.label}.png`, fullPage });
      };

      await openApp(page, "/opportunities");
      await expect(page.getByTestId("empty-state")).toBeVisible();
      await page.goto("/settings");
      await page.getByTestId("demo-100").click();
      await expect(page.getByTestId("toast").filter({ hasText: lang.loaded })).toBeVisible({ timeout: 60_000 });
      await page.addStyleTag({ content: ".topbar { position: static !important; } .toasts { display: none !important; }" });
      await page.getByTestId("pipeline-card").screenshot({ path: `screenshots/settings-pipeline-${lang.tag}-${size.label}.png` });

      await page.goto("/opportunities");
      await expect(page.getByTestId("opp-card").first()).toBeVisible();
      // The page itself never scrolls sideways: only the board does, inside its own box.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot("opportunities-board");
      await page.getByTestId("board-column").first().getByTestId("move-select").first().selectOption("won");
      await expect(page.getByTestId("close-dialog")).toBeVisible();
      await shot("opportunities-win-dialog", false);
      await page.getByTestId("close-cancel").click();
      // Cancelling gives the focus back to the card whose menu was used.
      await expect(page.getByTestId("opp-card").first()).toBeFocused();
      // The keyboard focus on a card is visible.
      // (Reached with the keyboard, so that :focus-visible applies.)
      await page.getByTestId("opp-card").nth(1).focus();
      await page.keyboard.press("Tab");
      await page.keyboard.press("Shift+Tab");
      await expect(page.getByTestId("opp-card").nth(1)).toBeFocused();
      const box = await page.getByTestId("opp-card").nth(1).boundingBox();
      await page.screenshot({
        path: `screenshots/opportunity-card-focus-${lang.tag}-${size.label}.png`,
        clip: { x: box.x - 8, y: box.y - 8, width: box.width + 16, height: box.height + 16 },
      });

      // A new prospect's deal won: the second question, about the customer's lifecycle.
      await page.goto("/customers/new");
      await page.locator("#name").fill("Prospect 示例");
      await page.getByTestId("save").click();
      await page.getByTestId("customer-new-opportunity").click();
      await page.locator("#opp-title").fill("Pilot 试点");
      await page.locator("#amount").fill("88000");
      await page.getByTestId("opp-stage").selectOption("negotiation");
      await page.getByTestId("save").click();
      await expect(page.getByTestId("customer-opportunity")).toHaveCount(1);
      await page.goto("/opportunities");
      await page.getByTestId("opp-card").filter({ hasText: "Pilot 试点" }).getByTestId("move-select").selectOption("won");
      await page.getByTestId("close-reason").selectOption({ index: 1 });
      await page.getByTestId("close-confirm").click();
      await expect(page.getByTestId("win-dialog")).toBeVisible();
      await shot("opportunities-win-lifecycle", false);
      await page.getByTestId("win-lifecycle-yes").click();
      await expect(page.locator("[data-stage-id=won]").getByTestId("opp-card").filter({ hasText: "Pilot 试点" })).toBeVisible();

      await page.goto("/opportunities/list");
      await expect(page.getByTestId("opp-row").first()).toBeVisible();
      await shot("opportunities-list");

      await page.goto("/forecast");
      await expect(page.getByTestId("forecast-total").first()).toBeVisible();
      await shot("opportunities-forecast");

      await page.goto("/opportunities");
      await page.getByTestId("opp-title").first().click();
      await expect(page.getByTestId("opportunity-form")).toBeVisible();
      await shot("opportunity-form");

      await page.emulateMedia({ colorScheme: "dark" });
      await page.goto("/opportunities");
      await expect(page.getByTestId("opp-card").first()).toBeVisible();
      await shot("opportunities-board-dark");

      expect(errors).toEqual([]);
      await context.close();
    });

    test(`analysis pages in ${lang.tag} at ${size.label} width`, async ({ browser }) => {
      const context = await browser.newContext({
        locale: lang.tag,
        viewport: { width: size.width, height: size.height },
        bypassCSP: true,
      });
      const page = await context.newPage();
      const errors = watchErrors(page);
      const shot = async (name) => {
        await page.addStyleTag({ content: ".topbar { position: static !important; } .toasts { display: none !important; }" });
        await page.screenshot({ path: `screenshots/${name}-${lang.tag}-${size.label}.png`, fullPage: true });
      };
      await openApp(page, "/settings");
      await page.getByTestId("demo-100").click();
      await expect(page.getByTestId("toast").filter({ hasText: lang.loaded })).toBeVisible({ timeout: 60_000 });
      await page.getByTestId("value-card").scrollIntoViewIfNeeded();
      await page.getByTestId("value-card").screenshot({ path: `screenshots/settings-value-${lang.tag}-${size.label}.png` });
      const year = new Date().getFullYear();
      for (const [path, name, ready] of [
        ["/analysis", "analysis-dashboard", "dashboard"],
        ["/analysis/abc", "analysis-abc", "abc-table"],
        ["/analysis/churn", "analysis-churn", "growth-chart"],
        ["/analysis/funnel", "analysis-funnel", "funnel-chart"],
        ["/analysis/pivot", "analysis-pivot", "pivot-table"],
      ]) {
        await page.goto(`${path}?p=${year}`);
        await expect(page.getByTestId(ready)).toBeVisible();
        await shot(name);
        if (name === "analysis-dashboard" || name === "analysis-abc") {
          await page.emulateMedia({ colorScheme: "dark" });
          await shot(`${name}-dark`);
          await page.emulateMedia({ colorScheme: "light" });
        }
      }
      await page.goto("/analysis/lifetime");
      await page.getByTestId("lifetime-pick").first().click();
      await expect(page.getByTestId("lifetime-breakdown")).toBeVisible();
      await shot("analysis-lifetime");
      // A customer with its lifecycle history and payments.
      await page.goto("/customers?stage=decline");
      await page.locator("[data-testid=customer-row] .cell-main a").first().click();
      await expect(page.getByTestId("lifecycle-history")).toBeVisible();
      await shot("customer-detail-history");
      expect(errors).toEqual([]);
      await context.close();
    });
  }
}
