// Repeating follow-ups end to end: a monthly follow-up planned on the 31st is completed twice and
// comes back on each month's end (Feb 29 in 2028, a leap year), survives a reload, gets a new
// rule, and cancelling it ends the series. The clock is fixed so the dates are known; the days
// move forward between completions as a rep's would.
import { test, expect } from "@playwright/test";
import { createCustomer, openApp, watchErrors } from "./helpers.mjs";

/** 09:00 local time on `day` (YYYY-MM-DD). */
const at = (day) => new Date(`${day}T09:00:00`);

/** The customer page's follow-up entry due on `day`. */
const entry = (page, day) => page.getByTestId("timeline-follow-up").filter({ hasText: day });

async function complete(page, day, result) {
  const row = entry(page, day);
  await row.getByTestId("follow-up-done").click();
  await row.getByTestId("follow-up-result").fill(result);
  await row.getByTestId("follow-up-done-save").click();
}

test("a monthly follow-up on the 31st: completed twice, edited, cancelled", async ({ page }) => {
  const errors = watchErrors(page);
  await page.clock.setFixedTime(at("2028-01-31"));
  await openApp(page);
  await createCustomer(page, { name: "月末贸易", region: "上海" });
  const customerPage = page.url();

  await page.locator("#follow-up-due").fill("2028-01-31");
  await page.locator("#follow-up-purpose").fill("月度对账");
  await page.locator("#follow-up-repeat").selectOption({ label: "每 N 个月" });
  await expect(page.getByText("月份天数不足时落在月末")).toBeVisible();
  // The count is checked before anything is saved.
  await page.locator("#follow-up-every").fill("0");
  await page.getByTestId("save-follow-up").click();
  await expect(page.getByTestId("follow-up-every-error")).toHaveText("请输入 1 到 24 之间的整数");
  await expect(page.getByTestId("timeline-follow-up")).toHaveCount(0);
  await page.locator("#follow-up-every").fill("1");
  await page.getByTestId("save-follow-up").click();
  await expect(entry(page, "2028-01-31").getByTestId("repeat-marker")).toHaveText("↻ 每月重复：每月");
  // The form is blank again for the next plan.
  await expect(page.locator("#follow-up-repeat")).toHaveValue("0");
  await expect(page.locator("#follow-up-every")).toHaveCount(0);

  // Due today: the day's list and the visit plan say it repeats.
  await page.goto("/follow-ups");
  const todayRow = page.getByTestId("section-today").getByTestId("follow-up-row");
  await expect(todayRow.getByTestId("repeat-marker")).toContainText("重复：每月");
  await page.goto("/visits");
  await expect(page.getByTestId("visit-row").getByTestId("repeat-marker")).toContainText("每月");

  // First completion: the next is due on February's last day, the 29th in a leap year.
  await page.goto(customerPage);
  await complete(page, "2028-01-31", "已对账");
  await expect(page.getByTestId("toast").filter({ hasText: "已完成。下一次跟进：2028-02-29" })).toBeVisible();
  await expect(entry(page, "2028-02-29").getByTestId("follow-up-done")).toBeVisible();
  await expect(entry(page, "2028-02-29").getByTestId("repeat-marker")).toContainText("每月");
  await expect(page.getByTestId("timeline-interaction").filter({ hasText: "月度对账" })).toContainText("已对账");

  // Second completion, on the 29th: the series goes back to the 31st, not the 29th.
  await page.clock.setFixedTime(at("2028-02-29"));
  await page.reload();
  await complete(page, "2028-02-29", "二月已对账");
  await expect(page.getByTestId("toast").filter({ hasText: "下一次跟进：2028-03-31" })).toBeVisible();
  await expect(page.getByTestId("follow-up-done")).toHaveCount(1);

  await page.reload();
  const march = entry(page, "2028-03-31");
  await expect(march.getByTestId("follow-up-done")).toBeVisible();
  await expect(march.getByTestId("repeat-marker")).toContainText("每月");
  await expect(page.getByTestId("timeline-interaction")).toHaveCount(2);

  // A new rule: every two weeks on Monday, counted from this one's date (Friday, Mar 31).
  await march.getByRole("button", { name: "“月度对账”的重复设置" }).click();
  await expect(march.locator("select[id$='-repeat']")).toHaveValue("3");
  await march.locator("select[id$='-repeat']").selectOption({ label: "每 N 周的星期几" });
  await march.locator("input[id$='-every']").fill("2");
  await march.locator("select[id$='-weekday']").selectOption({ label: "周一" });
  await march.getByTestId("follow-up-repeat-save").click();
  await expect(march.getByTestId("repeat-marker")).toContainText("每 2 周的周一");
  await page.reload();
  await expect(entry(page, "2028-03-31").getByTestId("repeat-marker")).toContainText("每 2 周的周一");

  await page.clock.setFixedTime(at("2028-03-31"));
  await page.reload();
  await complete(page, "2028-03-31", "三月已对账");
  // The first Monday after Mar 31 is Apr 3; two weeks between contacts make it Apr 10.
  await expect(page.getByTestId("toast").filter({ hasText: "下一次跟进：2028-04-10" })).toBeVisible();

  // Cancelling ends the series: nothing is left open, and nothing new is planned.
  await entry(page, "2028-04-10").getByTestId("follow-up-cancel").click();
  await expect(page.getByTestId("toast").filter({ hasText: "已取消，此跟进不再重复" })).toBeVisible();
  await expect(page.getByTestId("follow-up-done")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("timeline-follow-up")).toHaveCount(4);
  await expect(page.getByTestId("follow-up-done")).toHaveCount(0);
  await expect(page.getByTestId("repeat-marker")).toHaveCount(0);
  expect(errors).toEqual([]);
});

const sizes = [
  { label: "desktop", width: 1280, height: 800 },
  { label: "phone", width: 360, height: 740 },
];
const langs = [
  { tag: "zh-CN", name: "月末贸易", repeat: "每 N 周的星期几", monthly: "每 N 个月" },
  { tag: "en", name: "Month End Trading", repeat: "Every N weeks on a day", monthly: "Every N months" },
];

for (const lang of langs) {
  for (const size of sizes) {
    test(`the repeat control in ${lang.tag} at ${size.label} width, light and dark`, async ({ browser }) => {
      const context = await browser.newContext({
        locale: lang.tag,
        viewport: { width: size.width, height: size.height },
        // Only so the un-sticking style below can be injected (see screenshots.spec.mjs).
        bypassCSP: true,
      });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.clock.setFixedTime(at("2028-01-31"));
      // The toasts of earlier steps would cover part of the shot.
      const shot = async (name, target) => {
        await page.addStyleTag({ content: ".topbar { position: static !important; } .toasts { display: none !important; }" });
        for (const scheme of ["light", "dark"]) {
          await page.emulateMedia({ colorScheme: scheme });
          const suffix = scheme === "dark" ? "-dark" : "";
          await target.screenshot({ path: `screenshots/${name}-${lang.tag}-${size.label}${suffix}.png` });
        }
      };
      await openApp(page);
      await createCustomer(page, { name: lang.name });
      await page.locator("#follow-up-due").fill("2028-01-31");
      await page.locator("#follow-up-purpose").fill(lang.tag === "en" ? "Monthly statement" : "月度对账");
      await page.locator("#follow-up-repeat").selectOption({ label: lang.repeat });
      await page.locator("#follow-up-every").fill("2");
      await page.locator("#follow-up-weekday").selectOption({ index: 4 });
      await shot("follow-up-repeat-form", page.locator("section.card", { has: page.getByTestId("follow-up-form") }));
      await page.locator("#follow-up-repeat").selectOption({ label: lang.monthly });
      await page.getByTestId("save-follow-up").click();
      await expect(page.getByTestId("repeat-marker")).toBeVisible();
      await page.getByTestId("follow-up-repeat").click();
      await expect(page.getByTestId("follow-up-repeat-form")).toBeVisible();
      await shot("follow-up-repeat-timeline", page.getByTestId("timeline"));
      await page.goto("/follow-ups");
      await expect(page.getByTestId("section-today").getByTestId("repeat-marker")).toBeVisible();
      await shot("follow-up-repeat-list", page.getByTestId("section-today"));
      await context.close();
      expect(errors).toEqual([]);
    });
  }
}
