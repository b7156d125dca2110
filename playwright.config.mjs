// End-to-end tests drive the release build (dist/) in Debian's Chromium; Playwright never
// downloads a browser here.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.PW_PORT ?? 8090);

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "zh-CN",
    viewport: { width: 1280, height: 800 },
    // The offline cache answers requests before Playwright's routing and keeps pages of an
    // earlier build; tests/e2e/offline.spec.mjs turns it on where it is what is tested.
    serviceWorkers: "block",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `node tests/serve.mjs ${port} dist`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
