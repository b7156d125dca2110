// Figures for 100,000 customers in the real app (release build, Debian Chromium), each beside
// the raw-IndexedDB floor measured in the same run: loading the 100,000 demo (one atomic write,
// with the longest gap between two progress steps), the list after a reload (first row, all
// counted) against a bare open + getAll, search keystrokes over 100,000 (p50 / p95, measured in
// the page from the input event until the page is free again), and memory (JS heap + wasm memory).
// Prints figures only; targets are read here, never asserted.
import { ms, openBuiltApp, printFigures } from "./bench-browser.mjs";

const N = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const { page, base, close } = await openBuiltApp(8092);
const figures = [];
const mib = (n) => `${(n / 1048576).toFixed(1)} MiB`;

await page.addInitScript(() => {
  addEventListener("TrunkApplicationStarted", (e) => (window.__wasm = e.detail.wasm));
});
// After a full garbage collection, so the figure is what the page holds, not what the last
// read left for the collector.
const memory = async () => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.detach();
  return page.evaluate(() => ({
    heap: performance.memory ? performance.memory.usedJSHeapSize : 0,
    wasm: window.__wasm ? window.__wasm.memory.buffer.byteLength : 0,
  }));
};

try {
  await page.goto(`${base}/settings`);
  const button = page.getByTestId(`demo-${N}`);
  await button.waitFor();
  // Progress is sampled in the page: the longest time the bar stood still.
  await page.evaluate(() => {
    window.__steps = [];
    let last = null;
    const tick = () => {
      const bar = document.querySelector('[data-testid="demo-progress"]');
      const now = bar ? bar.getAttribute("aria-valuenow") : null;
      if (now !== last) window.__steps.push([performance.now(), now]);
      last = now;
      window.__tick = requestAnimationFrame(tick);
    };
    tick();
  });
  let t = performance.now();
  await button.click();
  await page.getByTestId("toast").filter({ hasText: `${N} demo customers loaded` }).waitFor({ timeout: 1_800_000 });
  const loadTook = performance.now() - t;
  const steps = await page.evaluate(() => window.__steps);
  let gap = 0;
  for (let i = 1; i < steps.length; i++) if (steps[i - 1][1] !== null) gap = Math.max(gap, steps[i][0] - steps[i - 1][0]);
  figures.push([`load ${N} demo customers (generate, one IndexedDB transaction, re-read)`, ms(loadTook)]);
  figures.push(["  longest time the progress bar stood still", ms(gap)]);
  const counts = await page.evaluate(async () => {
    const db = await new Promise((ok, no) => {
      const r = indexedDB.open("guanxi");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    const out = {};
    for (const name of db.objectStoreNames) {
      out[name] = await new Promise((ok) => {
        const r = db.transaction(name).objectStore(name).count();
        r.onsuccess = () => ok(r.result);
      });
    }
    db.close();
    return out;
  });
  figures.push(["records stored", Object.entries(counts).filter(([, n]) => n > 1).map(([k, n]) => `${k} ${n}`).join(", ")]);

  // The floor: the same customers read by bare IndexedDB in a fresh page, then written again in
  // one transaction to a scratch database.
  // A plain file of the same origin: the app does not start there, the database is the same.
  await page.goto(`${base}/boot.js`);
  const floor = await page.evaluate(async () => {
    const open = (name, upgrade) =>
      new Promise((ok, no) => {
        const r = indexedDB.open(name);
        if (upgrade) r.onupgradeneeded = () => upgrade(r.result);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => no(r.error);
      });
    let t = performance.now();
    const db = await open("guanxi");
    const all = await new Promise((ok) => {
      const r = db.transaction("customers").objectStore("customers").getAll();
      r.onsuccess = () => ok(r.result);
    });
    const read = performance.now() - t;
    db.close();
    // Everything the app reads when it starts (all but the contact log and files).
    t = performance.now();
    const again = await open("guanxi");
    for (const name of ["customers", "contacts", "opportunities", "follow_ups", "cases", "articles", "campaigns", "settings"]) {
      if (!again.objectStoreNames.contains(name)) continue;
      await new Promise((ok) => {
        const r = again.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => ok(r.result.length);
      });
    }
    const readAll = performance.now() - t;
    again.close();
    const scratch = await open("bench-floor", (d) => d.createObjectStore("customers", { keyPath: "id" }));
    t = performance.now();
    await new Promise((ok, no) => {
      const tx = scratch.transaction("customers", "readwrite", { durability: "strict" });
      const store = tx.objectStore("customers");
      for (const c of all) store.put(c);
      tx.oncomplete = ok;
      tx.onerror = () => no(tx.error);
    });
    const put = performance.now() - t;
    scratch.close();
    await new Promise((ok) => { const r = indexedDB.deleteDatabase("bench-floor"); r.onsuccess = ok; r.onerror = ok; });
    return { read, readAll, put, n: all.length };
  });
  figures.push([`floor: bare open + getAll of ${floor.n} customers, new page`, ms(floor.read)]);
  figures.push(["floor: bare open + getAll of every store the app reads at start", ms(floor.readAll)]);
  figures.push([`floor: bare put of ${floor.n} customers in one transaction`, ms(floor.put)]);

  t = performance.now();
  await page.goto(`${base}/customers?archived=all`);
  await page.getByTestId("customer-row").first().waitFor({ timeout: 300_000 });
  figures.push(["list after a reload: first row shown", ms(performance.now() - t)]);
  await page.getByTestId("customer-count").filter({ hasText: new RegExp(`^${N} customers$`) }).waitFor({ timeout: 300_000 });
  figures.push(["list after a reload: all counted", ms(performance.now() - t)]);
  // The search entries of the contacts, deals, follow-ups and cases are made in the
  // background after the first paint: memory is read once the app marks them done.
  await page.waitForFunction(() => performance.getEntriesByName("search-indexed").length > 0, null, { timeout: 300_000 });
  figures.push(["list after a reload: every kind in the search index", ms(performance.now() - t)]);
  const mem = await memory();
  figures.push(["memory: JS heap used (after a collection) + wasm memory", `${mib(mem.heap)} + ${mib(mem.wasm)} = ${mib(mem.heap + mem.wasm)}`]);

  // Keystrokes, timed in the page: from the input event until the main thread is free again
  // (the next macrotask, which runs only after the handler and the render effects it queued
  // as microtasks), the list then being settled.
  const times = await page.evaluate(async () => {
    const input = document.querySelector('[data-testid="customer-search"]');
    const macrotask = () => new Promise((ok) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => ok();
      channel.port2.postMessage(0);
    });
    const out = [];
    for (const q of ["z", "zh", "zha", "zhan", "zhang", "zhangw", "w", "we", "wei", "1", "13", "138", "l", "li", "ke", "kej", "科", "科技", "a", ""]) {
      const t = performance.now();
      input.value = q;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await macrotask();
      out.push([performance.now() - t, q]);
      await new Promise((r) => setTimeout(r, 50));
    }
    return out;
  });
  const slowest = [...times].sort((a, b) => b[0] - a[0]).slice(0, 3);
  times.splice(0, times.length, ...times.map(([took]) => took).sort((a, b) => a - b));
  const pct = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
  figures.push([`search keystroke over ${N} (${times.length} keys): p50`, ms(pct(50))]);
  figures.push([`search keystroke over ${N}: p95`, ms(pct(95))]);
  figures.push(["  slowest keys", slowest.map(([took, q]) => `${JSON.stringify(q)} ${Math.round(took)} ms`).join(", ")]);
} finally {
  await close();
}
printFigures(`${N} customers in the browser`, figures);
