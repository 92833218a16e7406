import { expect, test } from "@playwright/test";
import { DEMO_USERS } from "@/tools/demo-world/demo-data";
import { navigationFor } from "@/lib/auth/navigation";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { signIn, signInFormReady, signOut } from "./helpers";

for (const user of DEMO_USERS) {
  test(`${user.role} signs in and sees that role's navigation`, async ({ page }) => {
    await signIn(page, user.email);
    await expect(page.getByTestId("current-role")).toHaveText(ROLE_LABELS[user.role]);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(navigationFor(user.role).map((i) => i.label));
    // Live figures from the database on the home page.
    // (The demo's renewals book puts many licenses in the renewal window: the figure is the open-window list's total.)
    await expect(page.getByTestId("stat-awaiting")).toHaveText("1");
    const expiring = (await page.getByTestId("stat-expiring").innerText()).trim();
    expect(Number(expiring)).toBeGreaterThan(1);
    await page.goto("/licenses?window=open");
    await expect(page.getByTestId("table-total")).toHaveText(new RegExp(`^${expiring} results · `));
  });
}

test("a wrong password shows an error and keeps the email typed", async ({ page }) => {
  await page.goto("/signin");
  await signInFormReady(page);
  await page.getByLabel("Email").fill("staff@orderdesk.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toHaveText("Wrong email or password.");
  await expect(page.getByLabel("Email")).toHaveValue("staff@orderdesk.test");
  await expect(page).toHaveURL(/\/signin/);
});

test("bad input is explained next to the field", async ({ page }) => {
  await page.goto("/signin");
  await signInFormReady(page);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
});

test("repeated failed sign-ins from one browser are slowed down with a clear message", async ({ page }) => {
  await page.goto("/signin");
  await signInFormReady(page);
  await page.getByLabel("Email").fill("nobody-throttle@orderdesk.test");
  for (let i = 0; i < 6; i++) {
    await page.getByLabel("Password").fill(`wrong-${i}`);
    // Wait for each answer: the next attempt starts only once the previous one is settled.
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await expect(page.getByLabel("Password")).toHaveValue("");
    if (i < 5) await expect(page.getByTestId("signin-error")).toHaveText("Wrong email or password.");
  }
  await expect(page.getByTestId("signin-error")).toHaveText(/^Too many failed sign-ins\. Wait \d+ seconds?, then try again\.$/);
});

test("a signed-out visit to a page goes to sign-in, and back after signing in", async ({ page }) => {
  await page.goto("/licenses?window=open&q=bluebird");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Flicenses%3Fwindow%3Dopen%26q%3Dbluebird/);
  await signInFormReady(page);
  await page.getByLabel("Email").fill("manager@orderdesk.test");
  await page.getByLabel("Password").fill("orderdesk-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/licenses\?window=open&q=bluebird/);
  await expect(page.getByRole("cell", { name: /bluebird-bakery\.example/ })).toBeVisible();
});

test("a role without access is kept out of a page it cannot use", async ({ page }) => {
  await signIn(page, "support@orderdesk.test");
  const res = await page.goto("/settings/users");
  expect(res?.status()).toBe(403);
  await expect(page).toHaveURL(/\/settings\/users$/);
  await expect(page.getByRole("heading", { name: "Not available for your role" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, "staff@orderdesk.test");
  await signOut(page);
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/orders");
  await expect(page).toHaveURL(/\/signin/);
});

test("the sign-out page signs out", async ({ page }) => {
  await signIn(page, "support@orderdesk.test");
  await page.goto("/signout");
  await signOut(page);
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
});
