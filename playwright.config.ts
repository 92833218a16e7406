import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// The e2e app runs on its own port with throw-away data (see `npm start -- --e2e`), so the suite
// can run while the dev app is up.
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
// The e2e launcher writes its throw-away database URL here (specs that seed rows read it).
process.env.E2E_STATE_FILE ??= path.join(os.tmpdir(), `orderdesk-e2e-state-${port}.json`);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  outputDir: "test-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: /(paging|ordering|renewal-runs|sync)\.spec\.ts/ },
    // Seeds extra rows into the shared e2e database, so it runs after everything else has finished.
    { name: "paging", use: { browserName: "chromium" }, testMatch: /paging\.spec\.ts/, dependencies: ["chromium"] },
    // Places orders (new customers, licenses): after the specs that count the demo rows.
    { name: "ordering", use: { browserName: "chromium" }, testMatch: /(ordering|renewal-runs|sync)\.spec\.ts/, dependencies: ["paging"] },
  ],
  webServer: {
    // The launcher itself is the server process (no tsx wrapper in between), so Playwright's
    // SIGTERM reaches it and it can stop Next, the sandbox and Postgres and remove its data.
    command: "node --import tsx tools/launcher/cli.ts --e2e",
    url: `${baseURL}/api/health`,
    // The app's info lines (one per request) would bury the test report; E2E_LOG_LEVEL=info shows them.
    env: { PORT: String(port), HOST: "127.0.0.1", E2E_STATE_FILE: process.env.E2E_STATE_FILE, LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn" },
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // Longer than the launcher's own stop (tools/launcher/cli.ts: Next drains up to DRAIN_TIMEOUT_MS + 5 s,
    // the worker SECTIGO_TIMEOUT_MS + 15 s), so it removes its throw-away data and state file itself.
    gracefulShutdown: { signal: "SIGTERM", timeout: 70_000 },
  },
});
