/**
 * Issue 17 item 6 in the browser: staff order SiteLock through PlaceOrder with "Sectigo charges the
 * customer (reseller=N)", a catalog checkbox the order form renders like any other field. A choice
 * PlaceOrder cannot carry (renewing from our funds) is refused next to its field; the placed order says
 * who pays. Named *ordering.spec.ts so it runs in the "ordering" project (it adds orders).
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
  await form.getByRole("checkbox", { name: /Sectigo charges the customer \(reseller=N\)/ }).check();
  await form.getByRole("checkbox", { name: "Renew automatically" }).check();

  await form.getByRole("button", { name: "Place order" }).click();
  await expect(form.getByText(/not renewed from our funds: untick "Renew automatically"/)).toBeVisible();

  await form.getByRole("checkbox", { name: "Renew automatically" }).uncheck();
  await form.getByRole("button", { name: "Place order" }).click();
  await page.waitForURL((u) => /^\/orders\/(?!new$|awaiting$)[\w-]+$/.test(u.pathname), { timeout: 30_000 });
  await expect(page.getByText("Placed", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Sectigo charges the customer (reseller=N); our account is not debited", { exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "Order timeline" })).toContainText("Sectigo charges the customer (reseller=N)");
  await expect(page.getByText(`${domain} · SiteLock Basic`)).toBeVisible();
});
