/**
 * The sync with Sectigo in the browser: an account manager runs a sync from /sync, sees the license
 * whose auto-renew differs (changed in Order Desk's database here, so the sandbox's value is the
 * truth), and takes Sectigo's value. Drift made at the sandbox, each kind, accepting and the audit
 * entry are covered by tests/integration/sync-drift.test.ts.
 */
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { signIn } from "./helpers";

let databaseUrl: string;
let license: { id: string; currentOrderNumber: string | null; autoRenew: boolean };

test.beforeAll(async () => {
  databaseUrl = (JSON.parse(fs.readFileSync(process.env.E2E_STATE_FILE!, "utf8")) as { databaseUrl: string }).databaseUrl;
  const db = createPrismaClient(databaseUrl);
  try {
    license = await db.license.findFirstOrThrow({
      where: { customer: { resellerAccount: { loginName: DEMO_RESELLER.loginName } }, status: "ACTIVE", currentOrderNumber: { not: null }, expiresAt: { gt: new Date(Date.now() + 40 * 86_400_000) } },
      orderBy: { currentOrderNumber: "asc" },
      select: { id: true, currentOrderNumber: true, autoRenew: true },
    });
    await db.license.update({ where: { id: license.id }, data: { autoRenew: !license.autoRenew } });
  } finally {
    await db.$disconnect();
  }
});

test("an account manager runs a sync, sees the difference and takes Sectigo's value", async ({ page }) => {
  await signIn(page, "manager@orderdesk.test");
  await page.goto("/sync");
  // Issue 17 #12: before any sync, the page does not claim that both sides agree.
  await expect(page.getByTestId("drift-empty")).toHaveText("No sync has run yet: nothing has been compared with Sectigo.");
  await page.getByRole("button", { name: "Sync now" }).click();
  const row = page.getByTestId("drift-row").filter({ hasText: license.currentOrderNumber! }).filter({ hasText: "Auto-renew differs" });
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId("sync-run").first()).toContainText("done");
  // "For all" asks first, naming how many differences it changes; Cancel changes nothing.
  await page.getByRole("button", { name: /Take Sectigo's value for all/ }).click();
  // The e2e world is shared: other specs' orders may add differences, so the number asked about is the
  // number the list shows (at least this one).
  const open = Number((await page.getByText(/^Open differences \(\d+\)$/).textContent())!.match(/\d+/)![0]);
  expect(open).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("accept-all-confirmation")).toContainText(`Take Sectigo's value for ${open} difference${open === 1 ? "" : "s"}`);
  await page.getByTestId("accept-all-confirmation").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("accept-all-confirmation")).toHaveCount(0);
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: "Take Sectigo's value" }).click();
  await expect(page.getByTestId("drift-message")).toHaveText("1 difference now take Sectigo's value.");
  await expect(row).toHaveCount(0);
  await expect(page.getByTestId("drift-decision").first()).toContainText("Took Sectigo's value");
  const db = createPrismaClient(databaseUrl);
  try {
    expect((await db.license.findUniqueOrThrow({ where: { id: license.id } })).autoRenew).toBe(license.autoRenew);
  } finally {
    await db.$disconnect();
  }
});
