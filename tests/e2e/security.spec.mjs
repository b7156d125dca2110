// Stored text is never executed; the Content-Security-Policy holds on every page; links built
// from stored data are only tel: and mailto:.
import { test, expect } from "@playwright/test";
import { openApp } from "./helpers.mjs";

const PAYLOADS = [
  `<script>window.__pwned=1;alert(1)</script>`,
  `<img src=x onerror="window.__pwned=1;alert(1)">`,
  `"><svg onload="window.__pwned=1;alert(1)">`,
  `javascript:window.__pwned=1;alert(1)`,
  `<a href="javascript:alert(1)">点我</a>`,
  `<iframe src="javascript:alert(1)"></iframe>`,
  `{{constructor.constructor('alert(1)')()}}`,
  `';alert(1);//`,
];
const PAGES = [
  "/customers", "/follow-ups", "/visits", "/report", "/care", "/trash", "/data", "/settings",
  "/opportunities", "/opportunities/list", "/forecast", "/opportunities/new",
];

/** Records CSP violations and dialogs; any of either fails the test. */
async function guard(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const dialogs = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return dialogs;
}

async function assertClean(page, dialogs, where) {
  expect(await page.evaluate(() => window.__pwned), where).toBeUndefined();
  expect(await page.evaluate(() => window.__csp), where).toEqual([]);
  expect(dialogs, where).toEqual([]);
  expect(await page.locator('a[href^="javascript:"], iframe, svg[onload], img[onerror]').count(), where).toBe(0);
}

test("the policy is strict and nothing violates it on any page or flow", async ({ page }) => {
  const dialogs = await guard(page);
  await openApp(page, "/settings");
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).toContain("object-src 'none'");
  await page.getByTestId("demo-100").click();
  await expect(page.getByTestId("toast").filter({ hasText: "演示客户" })).toBeVisible({ timeout: 60_000 });
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.locator("h1")).toBeVisible();
    await assertClean(page, dialogs, path);
  }
  await page.goto("/customers?sort=created&dir=asc");
  await page.locator("[data-testid=customer-row] .cell-main a").first().click();
  await expect(page.getByTestId("completeness")).toBeVisible();
  await page.locator("#interaction-summary").fill("CSP check");
  await page.getByTestId("interaction-files").setInputFiles({ name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("a") });
  await page.getByTestId("save-interaction").click();
  await Promise.all([page.waitForEvent("download"), page.getByTestId("attachment").locator("button.link").click()]);
  await page.goto("/data");
  await Promise.all([page.waitForEvent("download"), page.getByTestId("backup-download").click()]);
  await assertClean(page, dialogs, "after flows");
});

test("XSS payloads in every field stay text on every page", async ({ page }) => {
  const dialogs = await guard(page);
  await openApp(page);
  const p = (i) => PAYLOADS[i % PAYLOADS.length];
  await page.getByTestId("new-customer").click();
  await page.locator("#name").fill(p(0));
  for (const [i, id] of ["company", "industry", "region", "source", "owner", "tags", "address"].entries()) {
    await page.locator(`#${id}`).fill(p(i + 1));
  }
  await page.locator("#notes").fill(PAYLOADS.join("\n"));
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText(p(0));

  await page.getByTestId("add-contact").click();
  await page.locator("#contact-name").fill(p(1));
  await page.locator("#contact-title").fill(p(2));
  await page.locator("#contact-department").fill(p(3));
  await page.getByTestId("save-contact").click();
  await expect(page.getByTestId("contact-row")).toContainText(p(1));
  await page.locator("#interaction-summary").fill(p(4));
  await page.locator("#interaction-outcome").fill(p(5));
  await page.getByTestId("interaction-files").setInputFiles({ name: p(1).slice(0, 40) + ".txt", mimeType: "text/html", buffer: Buffer.from(p(0)) });
  await page.getByTestId("save-interaction").click();
  await expect(page.getByTestId("timeline-interaction")).toContainText(p(4));
  const today = new Date().toISOString().slice(0, 10);
  await page.locator("#follow-up-due").fill(today);
  await page.locator("#follow-up-purpose").fill(p(6));
  await page.locator("#follow-up-place").fill(p(7));
  await page.getByTestId("save-follow-up").click();
  await expect(page.getByTestId("timeline-follow-up")).toContainText(p(6));
  await page.getByTestId("customer-new-opportunity").click();
  await page.locator("#opp-title").fill(p(2));
  await page.locator("#amount").fill("1000");
  for (const [i, id] of ["opp-owner", "opp-source", "competitors", "next-step"].entries()) {
    await page.locator(`#${id}`).fill(p(i + 3));
  }
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-opportunity")).toContainText(p(2));
  await page.reload();
  await expect(page.getByTestId("customer-name")).toHaveText(p(0));
  await assertClean(page, dialogs, "customer page");

  // The search box and the URL carry payloads too.
  await page.goto(`/customers?q=${encodeURIComponent(p(1))}`);
  await assertClean(page, dialogs, "search");
  await page.goto(`/opportunities/list?q=${encodeURIComponent(p(1))}&owner=${encodeURIComponent(p(2))}`);
  await assertClean(page, dialogs, "opportunity search");
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row")).toContainText(p(0));
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.locator("h1")).toBeVisible();
    await assertClean(page, dialogs, path);
  }
});

test("links built from stored phones and e-mails are only tel: and mailto:", async ({ page }) => {
  await openApp(page);
  await page.getByTestId("new-customer").click();
  await page.locator("#name").fill("Link Test");
  await page.getByTestId("add-phone").click();
  await page.locator("#phone-0").fill("+86 138 0013 8000");
  await page.getByTestId("add-email").click();
  await page.locator("#email-0").fill("sales@example.com");
  await page.getByTestId("save").click();
  await expect(page.getByTestId("customer-name")).toHaveText("Link Test");
  const hrefs = await page.locator(".props a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(hrefs).toEqual(["tel:+8613800138000", "mailto:sales@example.com"]);
});

test("an injected inline script is refused and reported (the guard above can see violations)", async ({ page }) => {
  await guard(page);
  await openApp(page);
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.__injected = 1";
    document.head.append(s);
  });
  expect(await page.evaluate(() => window.__injected)).toBeUndefined();
  await expect.poll(() => page.evaluate(() => window.__csp.join(" "))).toContain("script-src");
});
