/** Ordering URLs: generate one for a product, see the live preview, copy the URL: no password in it. */
import { expect, test } from "@playwright/test";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { signIn } from "./helpers";

test("staff generate an ordering URL with a preview, and the copied URL carries no password", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "staff@orderdesk.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Ordering URLs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ordering URLs" })).toBeVisible();

  // A choice made before React has hydrated the form is lost (the select changes, its handler never
  // runs): choose again until the term list follows the product.
  await expect(async () => {
    await page.getByLabel("Product").selectOption({ label: "Code Signing Certificate" });
    await expect(page.getByLabel("Term").locator('option[value="1512"]')).toHaveCount(1, { timeout: 1_000 });
  }).toPass();
  await page.getByLabel("Term").selectOption("1512");
  await page.getByLabel("Success URL").fill("javascript:alert(1)");
  await page.getByLabel("Success URL").blur();
  await expect(page.getByText(/Enter a full http:\/\/ or https:\/\/ address for the success page/)).toBeVisible();
  await page.getByLabel("Success URL").fill("https://shop.example/thanks.html");
  await page.getByLabel("Error URL").fill("https://shop.example/oops.html");

  const url = page.getByTestId("ordering-url");
  await expect(url).toContainText("!PlaceOrder?ap=OrderDeskDemo&reseller=Y&");
  await expect(url).toContainText("1_PPP=1512");

  // The preview renders the form (the customer's own login fields) inside a sandboxed frame.
  const preview = page.frameLocator('iframe[title="Ordering form preview"]');
  await expect(preview.getByRole("form", { name: "Order Code Signing Certificate" })).toBeVisible();
  await expect(preview.getByLabel("Account password *")).toHaveAttribute("type", "password");
  await expect(page.locator('iframe[title="Ordering form preview"]')).toHaveAttribute("sandbox", "");

  await page.getByRole("button", { name: "Copy URL" }).click();
  await expect(page.getByRole("status").filter({ hasText: "URL copied." })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("1_PPP=1512");
  expect(copied).not.toContain(DEMO_RESELLER.password);
  expect(copied).not.toContain(DEMO_RESELLER.loginName);
  expect(copied.toLowerCase()).not.toContain("password");
  await expect(page.getByTestId("ordering-snippet")).not.toContainText(DEMO_RESELLER.password);
});
