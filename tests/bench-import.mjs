// Figures for importing a 10,000-row CSV through the real wizard (release build, Debian
// Chromium): time from choosing the file to the mapped preview, and from "Import" to the
// report, plus how long the page's main thread was blocked at most (responsiveness).
import { ms, openBuiltApp, printFigures } from "./bench-browser.mjs";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "guanxi-bench-"));
const file = join(dir, "customers-10000.csv");
const cities = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安"];
const lines = ["客户名称,联系人,手机,邮箱,行业,地区,备注"];
for (let i = 0; i < 10_000; i++) {
  const phone = `13${String(100000000 + i * 7).slice(0, 9)}`;
  lines.push(`测试客户${i}有限公司,联系人${i},${phone},user${i}@example.cn,软件,${cities[i % 8]},"备注 ${i}, 第二段"`);
}
writeFileSync(file, "\ufeff" + lines.join("\r\n"));

const { page, base, close } = await openBuiltApp(8092);
const figures = [];
try {
  await page.goto(`${base}/data`);
  await page.getByTestId("csv-file").waitFor();
  // Longest main-thread task, via the Long Tasks API.
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: "longtask", buffered: false });
  });
  let t = performance.now();
  await page.getByTestId("csv-file").setInputFiles(file);
  await page.getByTestId("csv-preview-row").first().waitFor({ timeout: 120_000 });
  figures.push(["read 10,000-row CSV → mapping and preview shown", ms(performance.now() - t)]);
  t = performance.now();
  await page.getByTestId("csv-run").click();
  await page.getByTestId("csv-report").waitFor({ timeout: 300_000 });
  figures.push(["import 10,000 rows (plan + one transaction + reload)", ms(performance.now() - t)]);
  const created = await page.getByTestId("csv-report").locator(".stat-n").first().textContent();
  figures.push(["customers created", created]);
  figures.push(["longest main-thread task during the import", ms(await page.evaluate(() => window.__longest))]);
} finally {
  await close();
}
printFigures("CSV import of 10,000 rows", figures);
