import net from "node:net";
import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/tools/demo-world/demo-data";

/** Waits until React owns the sign-in form: a click before hydration is a native POST that
 *  reloads the empty form (a CI run failed on exactly that). */
export async function signInFormReady(page: Page) {
  await expect(page.locator('form[aria-label="Sign in"][data-hydrated="true"]')).toBeAttached();
}

/** Clicks "Sign out" once the button is interactive (before that it leads to the sign-out page, which asks again). */
export async function signOut(page: Page) {
  const button = page.getByRole("button", { name: "Sign out" });
  await expect(button).toHaveAttribute("data-hydrated", "true");
  await button.click();
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await signInFormReady(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

/** A TCP port free on 127.0.0.1 right now (for a server a spec starts itself). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
