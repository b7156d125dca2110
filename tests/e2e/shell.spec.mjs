// The static shell: before the WebAssembly has arrived the page already shows the header and
// a loading line in the user's language; the app then takes its place without moving it.
import { test, expect } from "@playwright/test";
import { watchErrors } from "./helpers.mjs";

/** Holds every .wasm request until the returned function is called. */
async function holdWasm(page) {
  let release;
  const released = new Promise((r) => (release = r));
  await page.route("**/*.wasm", async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

for (const { locale, saved, nav, loading, width } of [
  { locale: "zh-CN", saved: null, nav: "客户", loading: "加载中…", width: 1280 },
  { locale: "zh-CN", saved: "en", nav: "Customers", loading: "Loading…", width: 360 },
  { locale: "en-US", saved: null, nav: "Customers", loading: "Loading…", width: 1280 },
]) {
  test(`the shell paints before the wasm: ${locale} browser, saved language ${saved}, ${width} px`, async ({ browser }) => {
    const context = await browser.newContext({ locale, viewport: { width, height: 740 } });
    if (saved) {
      await context.addInitScript((lang) => localStorage.setItem("guanxi.lang", JSON.stringify(lang)), saved);
    }
    const page = await context.newPage();
    const errors = watchErrors(page);
    const release = await holdWasm(page);
    await page.goto("/customers", { waitUntil: "domcontentloaded" });
    const boot = page.locator("#boot");
    await expect(boot.getByRole("status")).toHaveText(loading, { useInnerText: true });
    if (width > 600) {
      await expect(boot.getByRole("link", { name: nav, exact: true })).toBeVisible();
    } else {
      await expect(boot.locator(".menu-toggle")).toBeVisible();
      await expect(boot.locator(".nav")).toBeHidden();
    }
    // The other language's words are in the page but not shown.
    await expect(boot.locator(".boot-zh, .boot-en").filter({ visible: true }).first()).toBeVisible();
    const before = await boot.locator(".topbar").boundingBox();
    const brandBefore = await boot.locator(".brand").boundingBox();

    release();
    await expect(page.getByTestId("lang-switch")).toBeVisible();
    await expect(page.locator("#boot")).toHaveCount(0);
    await expect(page.locator(".topbar")).toHaveCount(1);
    // No jump: the app's header sits where the shell's was, the same size.
    const after = await page.locator(".topbar").boundingBox();
    expect(after).toEqual(before);
    expect(await page.locator(".brand").boundingBox()).toEqual(brandBefore);
    await expect(page.locator("html")).toHaveAttribute("lang", saved === "en" || locale === "en-US" ? "en" : "zh-CN");
    expect(errors).toEqual([]);
    await context.close();
  });
}
