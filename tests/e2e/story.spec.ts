/**
 * Issue 10 as support and admin meet it: the story of an order (timeline, copy summary), the
 * customer page it links to, and the audit log's filter and CSV export. Reads the demo world;
 * the audit rows it needs are its own (a unique action name), so no other spec sees them.
 */
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { signIn } from "./helpers";

test("support opens an order, reads its story and copies the summary for a ticket", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "support@orderdesk.test");
  await page.goto("/orders");
  await page.getByRole("table", { name: "Orders" }).locator('tbody a[href^="/orders/"]').first().click();
  await expect(page).toHaveURL(/\/orders\/[A-Za-z0-9_-]+$/);
  const heading = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
  expect(heading).toMatch(/^Order /);
  const timeline = page.getByRole("list", { name: "Order timeline" });
  await expect(timeline).toBeVisible();
  await expect(timeline.getByRole("listitem").first()).toContainText("UTC");
  await expect(timeline).toContainText(/created/);
  await page.screenshot({ path: "test-results/story-order.png", fullPage: true });

  await page.getByRole("button", { name: "Copy summary" }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split("\n")[0]).toContain(heading.replace(/^Order /, ""));
  expect(copied).toContain("Status: ");
  expect(copied).toContain("Customer: ");
  expect(copied).toMatch(/Timeline \(oldest first\):\n- \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC · /);
  expect(copied.toLowerCase()).not.toMatch(/password=(?!\[redacted\])/);

  // Oldest first is one link away; the customer has a page of their own with the same story.
  await page.getByRole("link", { name: /show oldest first/ }).click();
  await expect(page).toHaveURL(/story=oldest/);
  await page.locator('a[href^="/customers/"]').first().click();
  await expect(page.getByRole("list", { name: "Customer timeline" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Customer orders" })).toBeVisible();
  await page.screenshot({ path: "test-results/story-customer.png", fullPage: true });

  // And a license of theirs: its own timeline under the existing details and actions.
  await page.getByRole("table", { name: "Customer licenses" }).getByRole("link").first().click();
  await expect(page.getByRole("list", { name: "License timeline" })).toContainText(/started/);
  await page.screenshot({ path: "test-results/story-license.png", fullPage: true });
});

test("admin filters the audit log and exports exactly that filter", async ({ page }) => {
  const action = `e2e.story.${randomUUID().slice(0, 8)}`;
  const state = JSON.parse(fs.readFileSync(process.env.E2E_STATE_FILE!, "utf8")) as { databaseUrl: string };
  const db = createPrismaClient(state.databaseUrl);
  try {
    const admin = await db.user.findUniqueOrThrow({ where: { email: "admin@orderdesk.test" } });
    await db.auditEntry.createMany({
      data: [
        { actorId: admin.id, actorLabel: "Ada Admin (admin@orderdesk.test)", actorRole: "ADMIN", action, outcome: "OK", input: { domain: "=HYPERLINK(\"http://x\")" }, changes: [{ target: "License:e2e", before: { autoRenew: false }, after: { autoRenew: true } }] },
        { actorId: admin.id, actorLabel: "Ada Admin (admin@orderdesk.test)", actorRole: "ADMIN", action, outcome: "FORBIDDEN", input: { domain: "refused.example" } },
      ],
    });
  } finally {
    await db.$disconnect();
  }
  await signIn(page, "admin@orderdesk.test");
  await page.goto("/settings");
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await page.getByLabel("Action").selectOption(action);
  await page.getByLabel("Outcome").selectOption("OK");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`action=${action.replace(/\./g, "\\.")}`));
  const rows = page.getByRole("table", { name: "Audit log" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await rows.first().getByText("Input and before/after").click();
  await expect(rows.first()).toContainText('"autoRenew": true');
  await page.screenshot({ path: "test-results/story-audit.png", fullPage: true });

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = fs.readFileSync(await (await download).path(), "utf8").trim().split("\n");
  expect(csv).toHaveLength(2);
  expect(csv[1]).toContain(action);
  expect(csv[1]).not.toContain("refused.example");

  await page.goto("/settings/audit?from=2031-02-30&outcome=maybe%3F");
  await expect(page.getByText("Enter a date as YYYY-MM-DD.")).toBeVisible();
  await expect(page.getByText(/An outcome is a code in capitals/)).toBeVisible();
  await expect(page.getByLabel("From (UTC day)")).toHaveValue("2031-02-30");
});

test("the audit log is for admins only", async ({ page }) => {
  await signIn(page, "support@orderdesk.test");
  expect((await page.goto("/settings/audit"))?.status()).toBe(403);
  expect((await page.request.get("/settings/audit/export")).status()).toBe(403);
});
