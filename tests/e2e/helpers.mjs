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

/** Opens the app and waits until the WebAssembly has mounted the shell. */
export async function openApp(page, path = "/customers") {
  await page.goto(path);
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
