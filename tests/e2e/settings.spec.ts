/**
 * Settings (issue 8) as an ADMIN: add a reseller account and test its connection against the
 * sandbox, then edit plan prices and disable a plan; other roles get 403 on every settings page.
 */
import { expect, test } from "@playwright/test";
import { DEMO_RESELLER, DEMO_RESELLER_NO_SITELOCK } from "@/tools/demo-world/demo-data";
import { signIn } from "./helpers";

test("an admin adds a reseller account, tests the connection and edits it; the password is never shown", async ({ page }) => {
  await signIn(page, "admin@orderdesk.test");
  await page.goto("/settings");
  await page.getByRole("link", { name: "Reseller accounts" }).click();
  await expect(page).toHaveURL(/\/settings\/accounts$/);
  // The e2e sandbox runs on a free port: take its URL from the demo account.
  const sandboxUrl = (await page.getByTestId(`account-row-${DEMO_RESELLER.loginName}`).locator("td.font-mono").textContent())!.trim();
  expect(sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/products\/$/);

  await page.getByRole("link", { name: "Add account" }).click();
  const form = page.getByRole("form", { name: "Add reseller account" });
  // Issue 17 #11: a test of the empty form puts its errors beside the fields; once they are filled
  // and a test succeeds, none is left beside a filled field.
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByText("Enter the Sectigo login name.")).toBeVisible();
  await expect(form.getByText("Enter the API base URL.")).toBeVisible();
  await form.getByLabel("Label").fill("E2E second reseller");
  await form.getByLabel("Sectigo login name").fill(DEMO_RESELLER_NO_SITELOCK.loginName);
  await form.getByLabel("Sectigo password").fill("not-the-password");
  await form.getByLabel("API base URL").fill(sandboxUrl);
  await form.getByLabel("Mode").selectOption("LIVE");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form.getByText("A live account must use an https:// URL.")).toBeVisible();
  await expect(form.getByLabel("Sectigo login name")).toHaveValue(DEMO_RESELLER_NO_SITELOCK.loginName);
  await form.getByLabel("Mode").selectOption("SANDBOX");
  await form.getByLabel("Brand (ap), required").fill("E2EBrand");

  // Test connection uses the typed values and saves nothing: a wrong password shows Sectigo's -16.
  const result = form.getByTestId("connection-result");
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(result).toContainText("Sectigo error -16");
  await expect(result).not.toContainText("not-the-password");
  await form.getByLabel("Sectigo password").fill(DEMO_RESELLER_NO_SITELOCK.password);
  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(result).toContainText("Connected. Balance: 0.00 USD");
  for (const field of ["Sectigo login name", "Sectigo password", "API base URL", "Mode", "Brand (ap), required"]) {
    await expect(form.getByLabel(field)).not.toHaveAttribute("aria-invalid", "true");
  }
  await expect(form.locator("p.text-red-700")).toHaveCount(0);

  await form.getByRole("button", { name: "Add account" }).click();
  await expect(page).toHaveURL(/\/settings\/accounts$/);
  const row = page.getByTestId(`account-row-${DEMO_RESELLER_NO_SITELOCK.loginName}`);
  await expect(row).toContainText("E2E second reseller");
  await expect(page.getByTestId(`account-row-${DEMO_RESELLER.loginName}`)).toContainText("default");

  // Editing: the password box is empty (never sent back), and an empty one keeps the stored password.
  await row.getByRole("link", { name: "Edit E2E second reseller" }).click();
  const edit = page.getByRole("form", { name: "Edit reseller account" });
  await expect(edit.getByLabel("Sectigo password")).toHaveValue("");
  expect(await page.content()).not.toContain(DEMO_RESELLER_NO_SITELOCK.password);
  await edit.getByLabel("Label").fill("E2E second reseller (renamed)");
  await edit.getByRole("button", { name: "Save account" }).click();
  await expect(edit.getByRole("status")).toContainText("Saved E2E second reseller (renamed).");
  await edit.getByRole("button", { name: "Test connection" }).click();
  await expect(edit.getByTestId("connection-result")).toContainText("Connected. Balance: 0.00 USD");

  // The same login at the same URL again: a message on the login field.
  await page.goto("/settings/accounts/new");
  const again = page.getByRole("form", { name: "Add reseller account" });
  await again.getByLabel("Label").fill("Duplicate");
  await again.getByLabel("Sectigo login name").fill(DEMO_RESELLER_NO_SITELOCK.loginName);
  await again.getByLabel("Sectigo password").fill("whatever-password");
  await again.getByLabel("API base URL").fill(sandboxUrl);
  await again.getByLabel("Brand (ap), required").fill("Dup");
  await again.getByRole("button", { name: "Add account" }).click();
  await expect(again.getByText("Another account already uses this login name at this API base URL.").first()).toBeVisible();

  // Disable (after a confirmation saying what it does), then enable again: the row stays, marked.
  await page.goto("/settings/accounts");
  const renamed = page.getByTestId(`account-row-${DEMO_RESELLER_NO_SITELOCK.loginName}`);
  await renamed.getByRole("button", { name: "Disable E2E second reseller (renamed)" }).click();
  await expect(renamed.getByRole("group", { name: "Disable E2E second reseller (renamed)?" })).toContainText("history stay");
  await renamed.getByRole("button", { name: "Disable account" }).click();
  await expect(renamed).toContainText("disabled");
  await expect(page.getByTestId(`account-row-${DEMO_RESELLER.loginName}`).getByRole("button", { name: /Disable/ })).toHaveCount(0);
  await renamed.getByRole("button", { name: "Enable E2E second reseller (renamed)" }).click();
  await expect(renamed.getByRole("button", { name: "Disable E2E second reseller (renamed)" })).toBeVisible();
  await expect(renamed).not.toContainText("disabled");
});

// Plans chosen away from what other specs order, so the shared e2e database stays usable for them.
const priceEdits = [
  { family: "web-dns", product: "Web DNS Pro", term: "5 years", buy: "80", sell: "120.50", enabled: true, margin: "40.50 (33.6%)" },
  { family: "hackerproof", product: "Comodo HackerProof Trust Mark including Daily Vulnerability Scanning", term: "3 years", buy: "100", sell: "150", enabled: false, margin: "50.00 (33.3%)" },
];

test("an admin edits plan prices and disables a plan; the table keeps them after a reload", async ({ page }) => {
  await signIn(page, "admin@orderdesk.test");
  await page.goto("/settings");
  await page.getByRole("link", { name: "Plan prices" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "SiteLock", exact: true })).toBeVisible();
  // The demo's prices and its disabled plan.
  await expect(page.getByLabel("Sell price for SiteLock Basic, 1 year")).toHaveValue("149.00");
  await expect(page.getByLabel("Offer SectigoSSL Pro DV, 5 years")).not.toBeChecked();
  // One page of plans at a time; the family cut by the page goes on on the next one, and says so.
  const total = page.getByTestId("table-total");
  await expect(total).toHaveText(/^\d+ plans · page 1 of \d+$/);
  const cut = (await page.getByRole("heading", { level: 2 }).last().textContent()) ?? "";
  await expect(page.getByText(`${cut} continues on the next page.`)).toBeVisible();
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(total).toHaveText(/ · page 2 of /);
  await expect(page.getByRole("heading", { level: 2 }).first()).toHaveText(`${cut} (continued from the previous page)`);
  // Each family's table is named by its heading (a family's name has spaces; the ids are its key).
  await expect(page.getByRole("region", { name: `${cut} (continued from the previous page)` })).toBeVisible();

  for (const edit of priceEdits) {
    await page.getByLabel("Family").selectOption(edit.family);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`family=${edit.family}`));
    const name = `${edit.product}, ${edit.term}`;
    const sell = page.getByLabel(`Sell price for ${name}`);
    await page.getByLabel(`Buy price for ${name}`).fill(edit.buy);
    await sell.fill("-5");
    await page.getByRole("button", { name: `Save ${name}` }).click();
    await expect(page.getByText("The sell price cannot be negative.")).toBeVisible();
    await sell.fill(edit.sell);
    await page.getByLabel(`Offer ${name}`).setChecked(edit.enabled);
    await expect(page.getByRole("row").filter({ has: sell }).getByText(edit.margin)).toBeVisible();
    await page.getByRole("button", { name: `Save ${name}` }).click();
    await expect(page.getByRole("row").filter({ has: sell }).getByRole("status")).toHaveText("Saved");

    await page.reload();
    await expect(page.getByLabel(`Sell price for ${name}`)).toHaveValue(Number(edit.sell).toFixed(2));
    await expect(page.getByLabel(`Offer ${name}`)).toBeChecked({ checked: edit.enabled });
  }
});

for (const role of ["staff", "support"]) {
  test(`${role} gets 403 on every settings page`, async ({ page }) => {
    await signIn(page, `${role}@orderdesk.test`);
    for (const path of ["/settings", "/settings/accounts", "/settings/accounts/new", "/settings/accounts/demo-reseller", "/settings/prices"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { level: 1, name: "Not available for your role" })).toBeVisible();
    }
  });
}
