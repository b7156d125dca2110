// Figures for encryption at rest with 10,000 customers (release build, Debian Chromium): the
// cost of turning it on (read, seal and rewrite everything), of unlocking (PBKDF2 with
// 600,000 iterations plus opening every record) and of a sealed save.
import { ms, openBuiltApp, printFigures } from "./bench-browser.mjs";

const PASS = "benchmark passphrase";
const { page, base, close } = await openBuiltApp(8094);
const figures = [];
try {
  await page.goto(`${base}/settings`);
  await page.getByTestId("demo-10000").click();
  await page.getByTestId("toast").filter({ hasText: "10000 demo customers loaded" }).waitFor({ timeout: 300_000 });

  let t = performance.now();
  await page.getByTestId("new-passphrase").fill(PASS);
  await page.getByTestId("repeat-passphrase").fill(PASS);
  await page.getByTestId("encrypt-submit").click();
  await page.getByTestId("toast").filter({ hasText: "Your data is now encrypted." }).waitFor({ timeout: 300_000 });
  figures.push(["turn encryption on over 10,000 customers and their records", ms(performance.now() - t)]);

  await page.goto(`${base}/customers?archived=all`);
  await page.getByTestId("unlock-passphrase").fill(PASS);
  t = performance.now();
  await page.getByTestId("unlock-submit").click();
  await page.getByTestId("customer-count").filter({ hasText: /^10000 customers$/ }).waitFor({ timeout: 300_000 });
  figures.push(["unlock (PBKDF2 600k + open every record) → list shown", ms(performance.now() - t)]);

  t = performance.now();
  await page.getByTestId("new-customer").click();
  await page.locator("#name").fill("Sealed save");
  await page.getByTestId("save").click();
  await page.getByTestId("customer-name").filter({ hasText: "Sealed save" }).waitFor();
  figures.push(["create one customer while encrypted (form → committed → detail)", ms(performance.now() - t)]);
} finally {
  await close();
}
printFigures("Encryption at rest, 10,000 customers", figures);
