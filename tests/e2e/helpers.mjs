// Shared steps for the end-to-end specs.
import { expect } from "@playwright/test";

/** Fails the test on any uncaught page error or console error (a panic logs one). */
export function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Opens the app and waits until the WebAssembly has mounted it (and taken the static
 * shell of index.html away). */
export async function openApp(page, path = "/customers") {
  await page.goto(path);
  await expect(page.locator("#boot")).toHaveCount(0);
  await expect(page.locator("header.topbar")).toBeVisible();
}

/** Creates a customer through the form, as a user would. */
export async function createCustomer(page, { name, phone, email, industry, region }) {
  await page.getByTestId("new-customer").click();
  await expect(page.getByTestId("customer-form")).toBeVisible();
  await page.locator("#name").fill(name);
  if (industry) await page.locator("#industry").fill(industry);
  if (region) await page.locator("#region").fill(region);
  if (phone) {
    await page.getByTestId("add-phone").click();
    await page.locator("#phone-0").fill(phone);
  }
  if (email) {
    await page.getByTestId("add-email").click();
    await page.locator("#email-0").fill(email);
  }
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText(name);
}

/** The widths and languages screens are shot in. */
export const SHOT_SIZES = [
  { label: "desktop", width: 1280, height: 800 },
  { label: "phone", width: 360, height: 740 },
];
export const SHOT_LANGS = [
  { tag: "zh-CN", loaded: "演示客户" },
  { tag: "en", loaded: "demo customers loaded" },
];

/**
 * One test per language and width, each given a fresh page and `shot(name, { dark })`, which
 * saves `screenshots/<name>-<lang>-<width>.png` (and `<name>-dark-…` when `dark`). Full-page
 * shots stitch the page together, so the sticky header is un-stuck and toasts hidden; the CSP
 * is bypassed only so that style can be injected (the policy is tested in security.spec.mjs).
 * The test fails on any page error.
 */
export function screenshotTests(test, expect, title, body) {
  for (const lang of SHOT_LANGS) {
    for (const size of SHOT_SIZES) {
      test(`${title} in ${lang.tag} at ${size.label} width`, async ({ browser }) => {
        const context = await browser.newContext({
          locale: lang.tag,
          viewport: { width: size.width, height: size.height },
          bypassCSP: true,
        });
        const page = await context.newPage();
        const errors = watchErrors(page);
        const shot = async (name, { dark = false } = {}) => {
          await page.addStyleTag({ content: ".topbar { position: static !important; } .toasts { display: none !important; }" });
          await page.screenshot({ path: `screenshots/${name}-${lang.tag}-${size.label}.png`, fullPage: true });
          if (dark) {
            await page.emulateMedia({ colorScheme: "dark" });
            await page.screenshot({ path: `screenshots/${name}-dark-${lang.tag}-${size.label}.png`, fullPage: true });
            await page.emulateMedia({ colorScheme: "light" });
          }
        };
        await body({ page, shot, lang, size });
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }
}

/**
 * Marks the toasts now on screen as seen, so `freshToast` waits for one shown after this point.
 * A second "saved" must not be taken for the first one, still fading: the test would leave the
 * page while the second write is under way and lose it.
 */
export async function forgetToasts(page) {
  await page.getByTestId("toast").evaluateAll((toasts) => toasts.forEach((t) => t.setAttribute("data-seen", "")));
}

/** A toast with this text shown since the last `forgetToasts`. */
export function freshToast(page, text) {
  return page.locator('[data-testid="toast"]:not([data-seen])').filter({ hasText: text }).first();
}
