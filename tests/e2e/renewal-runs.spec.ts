/**
 * Bulk renewal runs in the browser: the preview of 20 licenses chosen by id, "Start run of 20
 * renewals", and the progress page reaching 20 done as the job worker (started by the launcher)
 * works the run. Seeds its own licenses (runs in the "ordering" project, after the specs that count
 * demo rows). Each is placed at the sandbox first (a 30-day SiteLock Basic: inside Sectigo's renewal
 * window at once, without moving the clock the other specs share), then recorded in Order Desk with
 * the sandbox's order number, so the run really renews all 20.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { createSectigoClient } from "@/lib/sectigo/client";
import { createPrismaClient } from "@/lib/db";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { seedCustomer, seedLicense } from "@/tools/demo/factories";
import { signIn } from "./helpers";

const COUNT = 20;
const run = randomBytes(4).toString("hex");
const ids = Array.from({ length: COUNT }, (_, i) => `bulk-e2e-l-${run}-${String(i + 1).padStart(2, "0")}`);

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const state = JSON.parse(fs.readFileSync(process.env.E2E_STATE_FILE!, "utf8")) as { databaseUrl: string; sandboxUrl: string };
  const sectigo = createSectigoClient({ baseUrl: state.sandboxUrl, mode: "SANDBOX", loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password });
  const orderNumbers: string[] = [];
  for (let i = 0; i < COUNT; i++) {
    const placed = await sectigo.orderSiteLockForNewCustomer({ productCode: 1060, days: 30, domainName: `bulk-run-${run}-${i + 1}.example`, contactEmail: `bulk-run-${run}-${i + 1}@e2e.example`, autoRenew: false });
    if (!placed.ok) throw new Error(`the sandbox refused the fixture order: ${placed.error.userMessage}`);
    orderNumbers.push(String(placed.value.orderNumber));
  }
  const db = createPrismaClient(state.databaseUrl);
  try {
    const account = await db.resellerAccount.findFirstOrThrow({ where: { loginName: DEMO_RESELLER.loginName } });
    const customer = await seedCustomer(db, { id: `bulk-e2e-c-${run}`, resellerAccountId: account.id, name: "Bulk Run Customer", email: `bulk-run-${run}@e2e.example` });
    const day = 86_400_000;
    for (const [i, id] of ids.entries()) {
      await seedLicense(db, {
        id,
        customerId: customer.id,
        resellerAccountId: account.id,
        orderNumber: orderNumbers[i]!,
        foreignOrderNumber: `OD-BULK-${run}-${i + 1}`,
        orderStatus: "PLACED",
        licenseStatus: "ACTIVE",
        productCode: 1060,
        productName: "SiteLock Basic",
        domainName: `bulk-run-${run}-${i + 1}.example`,
        termDays: 30,
        startsAt: new Date(Date.now() - 3_600_000),
        expiresAt: new Date(Date.now() + 30 * day - 3_600_000), // the sandbox says now + 30 days
        autoRenew: false,
        cost: 10,
        currency: "USD",
        addOns: [],
      });
    }
  } finally {
    await db.$disconnect();
  }
});

test("an account manager previews 20 licenses, starts the run and watches it reach 20 done", async ({ page }) => {
  await signIn(page, "manager@orderdesk.test");
  await page.goto(`/renewals/runs/new?${ids.map((id) => `license=${id}`).join("&")}`);
  await expect(page.getByTestId("run-accepted-count")).toHaveText(String(COUNT));
  await expect(page.getByRole("table", { name: "Licenses to renew" }).locator("tbody tr")).toHaveCount(COUNT);
  await page.getByRole("button", { name: `Start run of ${COUNT} renewals` }).click();
  await expect(page).toHaveURL(/\/renewals\/runs\/[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId("run-progress-text")).toHaveText(`${COUNT} of ${COUNT} done`, { timeout: 45_000 });
  // Really renewed at Sectigo: every one placed, none refused, failed or unknown.
  await expect(page.getByTestId("run-placed")).toHaveText(String(COUNT));
  await expect(page.getByRole("progressbar", { name: "Renewal run progress" })).toHaveAttribute("aria-valuenow", String(COUNT));
  await expect(page.getByRole("table", { name: "Run items" }).locator("tbody tr")).toHaveCount(COUNT);
  // Reopening the list shows it, newest first.
  await page.goto("/renewals/runs");
  await expect(page.getByRole("table", { name: "Renewal runs" }).locator("tbody tr").first()).toContainText(`${COUNT} / ${COUNT}`);
});

test("bad query strings get a message; SUPPORT cannot open a new run", async ({ page }) => {
  await signIn(page, "manager@orderdesk.test");
  await page.goto("/renewals/runs/new");
  await expect(page.getByTestId("run-preview-problem")).toContainText("No licenses were chosen");
  await page.goto("/renewals/runs/new?license=%27%3Bdrop");
  await expect(page.getByTestId("run-preview-problem")).toContainText("is not a license id");
  await page.goto("/renewals/runs/new?license=no-such-license");
  await expect(page.getByTestId("run-preview-problem")).toContainText("None of the chosen licenses exists");
  await page.context().clearCookies(); // signed in as the manager: /signin would redirect
  await signIn(page, "support@orderdesk.test");
  const res = await page.goto(`/renewals/runs/new?license=${ids[0]}`);
  expect(res?.status()).toBe(403);
});
