/**
 * Ordering in the browser against the sandbox: one product of every catalog family through the
 * generated form (data-driven), the SiteLock flows, errors kept next to their fields, the
 * authorization queue, and a double click that places one order. Runs after the other specs (it
 * adds orders and licenses to the shared e2e database).
 */
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { orderableByFamily, productByKey } from "@/lib/catalog";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { validFormInput } from "../sectigo/catalog-values";
import { signIn } from "./helpers";
import { fill, landAnsweringPriceQuestion, onOrderPage, pick, placeAndLand, question } from "./order-form-helpers";

const state = () => JSON.parse(fs.readFileSync(process.env.E2E_STATE_FILE!, "utf8")) as { databaseUrl: string; sandboxUrl: string };
const STAFF = "staff@orderdesk.test";

/** One product of every family, plus the SiteLock products that are their own kind of order (the SSL bundle). */
const rows = [
  ...orderableByFamily()
    .filter((g) => g.family.key !== "sitelock-addons")
    .map(({ family, products }) => ({ label: family.name, product: products[0]! })),
  { label: "SiteLock", product: productByKey("sitelock-ssl-bundle")! },
];

test.describe("one product of every family, through the form", () => {
  for (const { label, product } of rows) {
    test(`${label}: ${product.name}`, async ({ page }) => {
      await signIn(page, STAFF);
      await pick(page, product);
      const unique = `e2e${randomUUID().slice(0, 8)}`;
      await fill(page, validFormInput(product, unique));
      await placeAndLand(page);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Order \d+$/);
      await expect(page.getByText(product.api === "PlaceOrder" ? "Awaiting authorization" : "Placed", { exact: true }).first()).toBeVisible();
      await expect(page.getByRole("list", { name: "Order timeline" })).toContainText("created; sending it to Sectigo");
    });
  }
});

test("SiteLock Basic, 1 year, with TrueShield for a new customer; then an add-on for that license", async ({ page }) => {
  await signIn(page, STAFF);
  const domain = `basic-${randomUUID().slice(0, 8)}.example`;
  await page.goto("/orders/new");
  await page.getByRole("radio", { name: /^SiteLock Basic/ }).check();
  await expect(page.locator("#term")).toHaveValue("365");
  await page.getByLabel("Domain name").fill(domain);
  await page.getByLabel("Customer email address").fill(`owner@${domain}`);
  await page.getByRole("checkbox", { name: "TrueShield Addon" }).check();
  await placeAndLand(page);
  await expect(page.getByText("Placed", { exact: true })).toBeVisible();
  await expect(page.getByText(`${domain} · SiteLock Basic`)).toBeVisible();
  await expect(page.getByText("Add-ons: TrueShield Addon")).toBeVisible();

  // The add-on flow: pick the license by its domain, the form takes its order number and e-mail.
  await page.goto("/orders/new");
  await page.getByLabel("Search products").fill("10 GB Backup");
  await page.getByRole("radio", { name: /10 GB Backup Addon/ }).check();
  await page.getByLabel(/this add-on is for/).fill(domain.slice(0, 10));
  await page.getByRole("button", { name: new RegExp(domain.replaceAll(".", "\\.")) }).click();
  await expect(page.getByText(`For ${domain}`)).toBeVisible();
  // An add-on on a license asks the license page's question first (price and term end; issue 18).
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(question(page)).toContainText(/Order 10 GB Backup Addon for 1 year at .+\? Its term ends on /);
  await question(page).getByRole("button", { name: "Place the order anyway" }).click();
  await page.waitForURL(onOrderPage, { timeout: 30_000 });
  await expect(page.getByText("Placed", { exact: true })).toBeVisible();
  await expect(page.getByText(`10 GB Backup Addon added to the license of ${domain}`)).toBeVisible();
});

test("Code Signing first shows the missing company address fields, and a reload keeps what was typed", async ({ page }) => {
  await signIn(page, STAFF);
  await page.goto("/orders/new");
  await page.getByLabel("Search products").fill("code signing certificate");
  await page.getByRole("radio", { name: /^Code Signing Certificate/ }).check();
  await page.getByRole("button", { name: "Place order" }).click();
  for (const message of ["Company name is required.", "Street address is required.", "Postal code is required.", "Country is required."]) {
    await expect(page.getByText(message)).toBeVisible();
  }
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was sent" })).toBeVisible();
  await page.getByLabel("Company name", { exact: true }).fill("Acme Software Ltd");
  await page.reload();
  await expect(page.getByLabel("Company name", { exact: true })).toHaveValue("Acme Software Ltd");
});

test("a Sectigo refusal lands on the e-mail field and the form keeps everything", async ({ page }) => {
  // "Sectigo" already knows this e-mail (a customer Order Desk has never seen): a new customer with it is refused (-122).
  const taken = `taken-${randomUUID().slice(0, 8)}@known.example`;
  const res = await fetch(`${state().sandboxUrl}!AutoApplyOrder`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password, product: "1059", days: "365", domainName: `elsewhere-${randomUUID().slice(0, 8)}.example`, appRepEmailAddress: taken, responseFormat: "1" }),
  });
  expect(new URLSearchParams(await res.text()).get("errorCode")).toBe("0");

  await signIn(page, STAFF);
  await page.goto("/orders/new");
  await page.getByRole("radio", { name: /^SiteLock Pro/ }).check();
  const domain = `refused-${randomUUID().slice(0, 8)}.example`;
  await page.getByLabel("Domain name").fill(domain);
  await page.getByLabel("Customer email address").fill(taken);
  await page.getByRole("button", { name: "Place order" }).click();
  const email = page.getByLabel("Customer email address");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-appRepEmailAddress-error")).toContainText(/exists|already/i);
  await expect(page.getByRole("alert").filter({ hasText: "Sectigo refused the order" })).toBeVisible();
  await expect(page.getByLabel("Domain name")).toHaveValue(domain);
  await expect(email).toHaveValue(taken);
  // Corrected, it goes through (a new submission: the refused one stays on record as failed).
  await email.fill(`fresh@${domain}`);
  await placeAndLand(page);
  await expect(page.getByText("Placed", { exact: true })).toBeVisible();
});

test("a reseller=Y order waits in the queue and is authorized from it", async ({ page }) => {
  await signIn(page, STAFF);
  const product = orderableByFamily().find((g) => g.family.key === "hackerproof")!.products[0]!;
  await pick(page, product);
  await fill(page, validFormInput(product, `queue${randomUUID().slice(0, 6)}`));
  await placeAndLand(page);
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Order ", "");
  await page.getByRole("link", { name: "To authorize" }).click();
  await page.getByLabel(`Select order ${number}`).check();
  await page.getByRole("button", { name: /Authorize selected \(1\)/ }).click();
  await page.getByRole("button", { name: "Yes" }).click();
  await expect(page.getByRole("row", { name: new RegExp(number) })).toContainText("Authorized");
  await page.getByRole("link", { name: number }).click();
  await expect(page.getByText("Placed", { exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "Order timeline" })).toContainText(`Sectigo authorized order ${number}`);
});

test("a double click places one order", async ({ page }) => {
  await signIn(page, STAFF);
  const domain = `double-${randomUUID().slice(0, 8)}.example`;
  await page.goto("/orders/new");
  await page.getByRole("radio", { name: /^SiteLock Monitor/ }).check();
  await page.getByLabel("Domain name").fill(domain);
  await page.getByLabel("Customer email address").fill(`owner@${domain}`);
  await page.getByRole("button", { name: "Place order" }).dblclick();
  await page.waitForURL((u) => /^\/orders\/(?!new$)[\w-]+$/.test(u.pathname), { timeout: 30_000 });
  const db = createPrismaClient(state().databaseUrl);
  try {
    const orders = await db.order.findMany({ where: { items: { some: { domainName: domain } } }, select: { id: true, _count: { select: { apiCalls: true } } } });
    expect(orders).toHaveLength(1);
    expect(orders[0]!._count.apiCalls).toBe(1);
  } finally {
    await db.$disconnect();
  }
});

test("a cart: two products in one order, the customer typed once", async ({ page }) => {
  await signIn(page, STAFF);
  const ssl = productByKey("positivessl-ov")!;
  const web = productByKey("sectigo-web-monitor")!;
  const unique = `cart${randomUUID().slice(0, 6)}`;
  await pick(page, ssl);
  await fill(page, validFormInput(ssl, unique));
  await page.getByRole("button", { name: "Add to this order, then choose another product" }).click();
  await expect(page.getByRole("region", { name: "This order so far" })).toContainText(ssl.name);
  await page.getByLabel("Search products").fill(web.name);
  await page.getByRole("radio", { name: web.name }).first().check();
  // The customer's e-mail came along from the first product.
  await expect(page.locator("#f-emailAddress")).toHaveValue(String(validFormInput(ssl, unique).emailAddress));
  await fill(page, validFormInput(web, unique));
  await page.getByRole("button", { name: "Place order (2 products)" }).click();
  await landAnsweringPriceQuestion(page);
  const items = page.getByRole("table", { name: "Items" });
  await expect(items).toContainText(ssl.name);
  await expect(items).toContainText(web.name);
  await expect(page.getByText("Awaiting authorization", { exact: true }).first()).toBeVisible();
});


test("SiteLock for an existing customer: pick them, their order number comes along, a new domain on their account", async ({ page }) => {
  await signIn(page, STAFF);
  await page.goto("/orders/new");
  await page.getByRole("radio", { name: /^SiteLock Basic/ }).check();
  await page.getByLabel("Find an existing customer").fill("acme");
  await page.getByRole("button", { name: /Acme Hosting/ }).click();
  await expect(page.getByLabel("Previous order number (optional)")).toHaveValue(/^\d+$/);
  const domain = `second-${randomUUID().slice(0, 8)}.example`;
  await page.getByLabel("Domain name").fill(domain);
  await placeAndLand(page);
  await expect(page.getByText("Placed", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: /Acme Hosting/ })).toBeVisible();
  await expect(page.getByText(`${domain} · SiteLock Basic`)).toBeVisible();
});
