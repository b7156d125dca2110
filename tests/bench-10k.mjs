// Figures for 10,000 customers in the real app (release build, Debian Chromium): time to load
// the demo set, to open the list from IndexedDB after a reload, and for search and filter to
// update the list. Prints figures only; speed targets are read here, never asserted in tests.
import { ms, openBuiltApp, printFigures } from "./bench-browser.mjs";

const { page, base, close } = await openBuiltApp(8091);
const figures = [];

try {
  await page.goto(`${base}/settings`);
  await page.getByTestId("demo-10000").waitFor();
  let t = performance.now();
  await page.getByTestId("demo-10000").click();
  await page.getByTestId("toast").filter({ hasText: "10000 demo customers loaded" }).waitFor({ timeout: 300_000 });
  figures.push(["load 10,000 demo customers (generate + one IndexedDB transaction)", ms(performance.now() - t)]);

  t = performance.now();
  await page.goto(`${base}/customers?archived=all`);
  await page.getByTestId("customer-count").filter({ hasText: /^10000 customers$/ }).waitFor({ timeout: 120_000 });
  await page.getByTestId("customer-row").first().waitFor();
  figures.push(["open the list after a reload (read all stores, render page 1)", ms(performance.now() - t)]);

  const rows = await page.getByTestId("customer-row").count();
  figures.push(["rows rendered at once", String(rows)]);

  t = performance.now();
  await page.getByTestId("customer-search").fill("a");
  await page.getByTestId("customer-count").filter({ hasText: / of 10000 customers/ }).waitFor();
  figures.push(["search keystroke over 10,000 (type 'a' → list updated)", ms(performance.now() - t)]);

  t = performance.now();
  await page.goto(`${base}/customers?archived=all&class=A&sort=name&dir=asc`);
  await page.getByTestId("customer-count").filter({ hasText: / of 10000 customers/ }).waitFor({ timeout: 120_000 });
  figures.push(["filter class A + sort by name (navigate, reload included)", ms(performance.now() - t)]);

  // The analyses over the same 10,000: time from navigation to the figures drawn, and the
  // longest main-thread task meanwhile (a long task freezes the page for that long).
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: "longtask", buffered: true });
  });
  const year = new Date().getFullYear();
  // Each screen draws at once with no data while IndexedDB is read, so "ready" is a figure
  // that only the loaded data can give.
  const loaded = (testid) => page.getByTestId(testid).filter({ hasNotText: /^(¥0|0|—)$/ });
  for (const [path, ready, what] of [
    [`/analysis?p=${year}`, () => loaded("fig-value").getByTestId("figure-value").filter({ hasNotText: /^¥0$/ }), "dashboard (value, churn, funnel, collections, sales control)"],
    [`/analysis/abc?p=${year}`, () => page.getByTestId("abc-row").nth(99), "ABC classes and Pareto chart"],
    [`/analysis/pivot?p=${year}&rows=industry&cols=lifecycle&measure=won_value`, () => loaded("pivot-grand-total"), "pivot industry × stage, won value"],
  ]) {
    t = performance.now();
    await page.goto(`${base}${path}`);
    await ready().waitFor({ timeout: 120_000 });
    const took = performance.now() - t;
    const longest = await page.evaluate(() => window.__longest);
    figures.push([`${what}: open after reload`, ms(took)]);
    figures.push([`${what}: longest main-thread task`, ms(longest)]);
  }

  const heap = await page.evaluate(() => performance.memory ? performance.memory.usedJSHeapSize : 0);
  figures.push(["JS heap used (Chromium performance.memory)", `${(heap / 1048576).toFixed(1)} MiB`]);
} finally {
  await close();
}
printFigures("10,000 customers in the browser", figures);
