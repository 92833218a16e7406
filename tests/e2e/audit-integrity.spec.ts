import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// Issue 16 items 1, 3, 4 as an admin sees them: a name that would show differently from what it
// is gets a message beside the field (what was typed stays), and the audit log shows the created
// user's before/after and the admin's own sign-in.
test("a spoofing name is refused beside the field; the created user and the sign-in are in the audit log", async ({ page }) => {
  await signIn(page, "admin@orderdesk.test");
  await page.goto("/settings/users");
  await page.getByLabel("Email").fill("spoof@orderdesk.test");
  await page.getByLabel("Name").fill("Invoice \u202Egnp.exe");
  await page.getByLabel("Initial password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("Remove the invisible or direction-changing character (U+202E, right-to-left override)")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Invoice \u202Egnp.exe");

  await page.getByLabel("Name").fill("Invoice Clerk");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status")).toContainText("Created spoof@orderdesk.test");

  await page.goto("/settings/audit?action=settings.users.createUser");
  const entry = page.getByRole("row").filter({ hasText: "spoof@orderdesk.test" }).first();
  await entry.locator("summary").click();
  await expect(entry).toContainText('"name": "Invoice Clerk"');
  await expect(entry).toContainText('"password": "changed"');
  await expect(entry).not.toContainText("a-long-enough-password");

  await page.goto("/settings/audit?action=auth.signIn");
  await expect(page.getByRole("row").filter({ hasText: "admin@orderdesk.test" }).first()).toContainText("OK");
});
