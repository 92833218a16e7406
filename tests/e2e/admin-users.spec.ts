import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("an admin creates a user, changes the role, disables them; the user's sign-in follows", async ({ page, browser }) => {
  await signIn(page, "admin@orderdesk.test");
  await page.goto("/settings/users");

  // Bad input: messages beside the fields, typed values kept.
  await page.getByLabel("Email").fill("dana@orderdesk.test");
  await page.getByLabel("Name").fill("Dana Newhire");
  await page.getByLabel("Initial password").fill("short");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("dana@orderdesk.test");

  await page.getByLabel("Role", { exact: true }).selectOption("SUPPORT");
  await page.getByLabel("Initial password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("status")).toContainText("Created dana@orderdesk.test");
  const row = page.getByTestId("user-row-dana@orderdesk.test");
  await expect(row).toContainText("Support");

  // Same email again: the server says so next to the email field.
  await page.getByLabel("Email").fill("dana@orderdesk.test");
  await page.getByLabel("Name").fill("Dana Again");
  await page.getByLabel("Initial password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("A user with this email already exists.").first()).toBeVisible();

  await row.getByLabel("Role for dana@orderdesk.test").selectOption("ACCOUNT_MANAGER");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByRole("cell", { name: "Account manager", exact: true })).toBeVisible();

  const other = await browser.newPage();
  await signIn(other, "dana@orderdesk.test", "a-long-enough-password");
  await expect(other.getByTestId("current-role")).toHaveText("Account manager");

  // Disabling asks first; Cancel changes nothing.
  await row.getByRole("button", { name: "Disable" }).click();
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toContainText("Active");
  await other.goto("/orders");
  await expect(other.getByRole("heading", { name: "Orders" })).toBeVisible();
  await row.getByRole("button", { name: "Disable" }).click();
  await row.getByRole("button", { name: "Yes, disable" }).click();
  await expect(row).toContainText("Disabled");
  // The open session of the disabled user stops working on the next request.
  await other.goto("/licenses");
  await expect(other).toHaveURL(/\/signin/);
  await other.close();
});

test("a server action called without a session is refused", async ({ page, playwright }) => {
  await signIn(page, "admin@orderdesk.test");
  await page.goto("/settings/users");
  await page.getByLabel("Email").fill("legit@orderdesk.test");
  await page.getByLabel("Name").fill("Legit User");
  await page.getByLabel("Initial password").fill("a-long-enough-password");
  const [actionRequest] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
    page.getByRole("button", { name: "Create user" }).click(),
  ]);
  await expect(page.getByRole("status")).toContainText("Created legit@orderdesk.test");

  // Replay the same action from a client with no cookies, for another email.
  const anonymous = await playwright.request.newContext();
  const headers = actionRequest.headers();
  const body = (actionRequest.postData() ?? "").replace("legit@orderdesk.test", "intruder@orderdesk.test");
  expect(body).toContain("intruder@orderdesk.test");
  const res = await anonymous.post(actionRequest.url(), {
    headers: { "next-action": headers["next-action"]!, "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: body,
  });
  const text = await res.text();
  expect(text).toContain("UNAUTHENTICATED");
  expect(text).not.toContain("intruder@orderdesk.test\",\"id");
  await anonymous.dispose();

  await page.reload();
  await expect(page.getByTestId("user-row-legit@orderdesk.test")).toBeVisible();
  await expect(page.getByTestId("user-row-intruder@orderdesk.test")).toHaveCount(0);
});
