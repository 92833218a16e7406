/**
 * Issue 17 item 6 in the browser: staff order SiteLock through PlaceOrder with "Sectigo charges the
 * customer (reseller=N)", a catalog checkbox the order form renders like any other field. Ticking it
 * turns off and locks "Renew automatically" (the server still refuses the pair: sitelock-place-order.test.ts)
 * and the price panel says Sectigo bills the customer; no "no sell price" question; the placed order says
 * who pays and who charged the customer. Named *ordering.spec.ts so it runs in the "ordering" project (it adds orders).
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("SiteLock Basic through PlaceOrder: Sectigo charges the customer", async ({ page }) => {
  await signIn(page, "staff@orderdesk.test");
  const domain = `slpo-${randomUUID().slice(0, 8)}.example`;
  await page.goto("/orders/new");
  await page.getByRole("radio", { name: /^SiteLock Basic/ }).check();
  const form = page.getByRole("form", { name: "Order SiteLock Basic" });
  await form.getByLabel("Domain name").fill(domain);
  await form.getByLabel("Customer email address").fill(`owner@${domain}`);
  await form.getByLabel("First name").fill("Ada");
  const renew = form.getByRole("checkbox", { name: "Renew automatically", exact: true });
  await renew.check();
  const price = form.getByRole("region", { name: "Price" });
  await expect(price).toContainText("debited from the reseller account's funds");

  // Ticking "Sectigo charges the customer": auto-renew goes off and is locked (with the reason), the panel
  // says we pay nothing and Sectigo bills the customer; unticking gives back what was there.
  const sectigoBills = form.getByRole("checkbox", { name: /^Sectigo charges the customer \(reseller=N\)/ });
  await sectigoBills.check();
  await expect(renew).not.toBeChecked();
  await expect(renew).toBeDisabled();
  await expect(renew).toHaveAccessibleDescription(/Sectigo charges the customer \(reseller=N\), so the license does not renew from our funds/);
  await expect(price.getByRole("table", { name: "Order price" })).toContainText("Billed by Sectigo, at its own price");
  await expect(price).toContainText("Sectigo charges the customer (reseller=N): it bills them at its own price, and our account is not debited.");
  await expect(price).not.toContainText("debited from the reseller account's funds");
  await sectigoBills.uncheck();
  await expect(renew).toBeChecked();
  await expect(renew).toBeEnabled();
  await sectigoBills.check();

  // No "no sell price" question: Sectigo's price is the customer's.
  await form.getByRole("button", { name: "Place order" }).click();
  await page.waitForURL((u) => /^\/orders\/(?!new$|awaiting$)[\w-]+$/.test(u.pathname), { timeout: 30_000 });
  await expect(page.getByText("Placed", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Sectigo charges the customer (reseller=N); our account is not debited", { exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "Order timeline" })).toContainText("Sectigo charges the customer (reseller=N)");
  await expect(page.getByText(`${domain} · SiteLock Basic`)).toBeVisible();
  await expect(page.getByText("By Sectigo, at its own price (reseller=N)", { exact: true })).toBeVisible();
});
