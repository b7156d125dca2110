// Every page in zh-CN and en, at desktop and phone width, saved under screenshots/ for people to
// look at. Each page must render its heading without a page error.
import { test, expect } from "@playwright/test";
import { createCustomer, openApp, watchErrors } from "./helpers.mjs";

const sizes = [
  { label: "desktop", width: 1280, height: 800 },
  { label: "phone", width: 360, height: 740 },
];
const langs = [
  { tag: "zh-CN", customer: "北京星辰科技有限公司", other: "上海明远贸易" },
  { tag: "en", customer: "Northwind Traders", other: "Globex Corporation" },
];

for (const lang of langs) {
  for (const size of sizes) {
    test(`pages in ${lang.tag} at ${size.label} width`, async ({ browser }) => {
      const context = await browser.newContext({
        locale: lang.tag,
        viewport: { width: size.width, height: size.height },
      });
      const page = await context.newPage();
      const errors = watchErrors(page);
      const shot = (name) =>
        page.screenshot({ path: `screenshots/${name}-${lang.tag}-${size.label}.png`, fullPage: true });

      await openApp(page);
      await expect(page.getByTestId("empty-state")).toBeVisible();
      await shot("customers-empty");

      await createCustomer(page, {
        name: lang.customer,
        phone: "+86 138 0013 8000",
        email: "sales@example.com",
        industry: lang.tag === "en" ? "Software" : "软件",
        region: lang.tag === "en" ? "Beijing" : "北京",
      });
      await shot("customer-detail");
      await page.goto("/customers");
      await createCustomer(page, { name: lang.other, email: "info@example.org" });
      await page.goto("/customers");
      await expect(page.getByTestId("customer-row")).toHaveCount(2);
      await shot("customers");

      await page.getByTestId("new-customer").click();
      await page.getByTestId("add-email").click();
      await page.locator("#email-0").fill("wrong@");
      await page.getByTestId("save").click();
      await expect(page.getByTestId("name-error")).toBeVisible();
      await shot("customer-form-errors");

      await page.goto("/follow-ups");
      await expect(page.locator("h1")).toBeVisible();
      await shot("follow-ups");

      await page.goto("/settings");
      await expect(page.getByTestId("storage-usage")).toBeVisible();
      await shot("settings");

      await page.goto("/no-such-page");
      await expect(page.getByTestId("empty-state")).toBeVisible();
      await shot("not-found");

      await page.emulateMedia({ colorScheme: "dark" });
      await page.goto("/customers");
      await expect(page.getByTestId("customer-row")).toHaveCount(2);
      await shot("customers-dark");

      expect(errors).toEqual([]);
      await context.close();
    });
  }
}
