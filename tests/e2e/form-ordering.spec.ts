/**
 * Issue 17 in the browser (items 3, 4, 7): switching product keeps what was typed; a cart's price
 * panel lists every item and names the unpriced one, and placing it asks first; two tabs with the
 * same order: the second is asked "place another?" and places a second order only when told to.
 * Runs in the "ordering" project (it places orders in the shared e2e database).
 */
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { productByKey } from "@/lib/catalog";
import { DEMO_RESELLER_ACCOUNT_ID } from "@/tools/demo/seed-demo";
import { validFormInput } from "../sectigo/catalog-values";
import { signIn } from "./helpers";
import { fill, landAnsweringPriceQuestion, pick, question } from "./order-form-helpers";

const state = () => JSON.parse(fs.readFileSync(process.env.E2E_STATE_FILE!, "utf8")) as { databaseUrl: string };
const STAFF = "staff@orderdesk.test";

async function withDb<T>(run: (db: ReturnType<typeof createPrismaClient>) => Promise<T>): Promise<T> {
  const db = createPrismaClient(state().databaseUrl);
  try {
    return await run(db);
  } finally {
    await db.$disconnect();
  }
}

test("switching SiteLock Basic -> Pro keeps domain and e-mail; back to Basic restores its add-on", async ({ page }) => {
  await signIn(page, STAFF);
  await page.goto("/orders/new");
  await page.getByRole("radio", { name: /^SiteLock Basic/ }).check();
  await page.getByLabel("Domain name").fill("keep.example");
  await page.getByLabel("Customer email address").fill("owner@keep.example");
  await page.getByRole("checkbox", { name: "TrueShield Addon" }).check();
  await page.getByRole("radio", { name: /^SiteLock Pro/ }).check();
  await expect(page.getByRole("form", { name: "Order SiteLock Pro" })).toBeVisible();
  await expect(page.getByLabel("Domain name")).toHaveValue("keep.example");
  await expect(page.getByLabel("Customer email address")).toHaveValue("owner@keep.example");
  await page.getByRole("radio", { name: /^SiteLock Basic/ }).check();
  await expect(page.getByRole("checkbox", { name: "TrueShield Addon" })).toBeChecked();
  await expect(page.getByLabel("Domain name")).toHaveValue("keep.example");
});

test("a cart of Code Signing ($249) and an unpriced product: every item priced or named, the question, the known charge", async ({ page }) => {
  const codeSigning = productByKey("code-signing")!;
  const web = productByKey("sectigo-web-monitor")!;
  const unique = `price${randomUUID().slice(0, 6)}`;
  const signingValues = validFormInput(codeSigning, unique);
  await withDb((db) =>
    db.planPrice.upsert({
      where: { productKey_term: { productKey: codeSigning.key, term: signingValues.term } },
      create: { productKey: codeSigning.key, term: signingValues.term, buyPrice: "150.00", sellPrice: "249.00", currency: "USD", enabled: true },
      update: { sellPrice: "249.00", enabled: true },
    }),
  );
  await signIn(page, STAFF);
  await pick(page, codeSigning);
  await fill(page, signingValues);
  await page.getByRole("button", { name: "Add to this order, then choose another product" }).click();
  await page.getByLabel("Search products").fill(web.name);
  await page.getByRole("radio", { name: web.name }).first().check();
  await fill(page, validFormInput(web, unique));
  const table = page.getByRole("table", { name: "Order price" });
  await expect(table.getByRole("row", { name: new RegExp(codeSigning.name) })).toContainText("$249.00");
  await expect(table.getByRole("row", { name: new RegExp(web.name) })).toContainText("not set");
  await expect(table.getByRole("row", { name: /Total of the priced items/ })).toContainText("$249.00");
  await expect(page.getByText(new RegExp(`No sell price is set for: ${web.name}`))).toBeVisible();

  await page.getByRole("button", { name: "Place order (2 products)" }).click();
  await expect(question(page)).toContainText(`No sell price is set for ${web.name}`);
  await landAnsweringPriceQuestion(page);
  const charged = page.getByTestId("order-customer-pays");
  await expect(charged).toContainText("$249.00");
  await expect(charged).toContainText(`no sell price for: ${web.name}`);
});

test("two tabs, the same SSL order for the same customer: the second is asked, and places another only when told", async ({ browser }) => {
  const ssl = productByKey("positivessl-ov")!;
  const name = `Two Tabs ${randomUUID().slice(0, 6)}`;
  const customerId = await withDb(async (db) => (await db.customer.create({ data: { resellerAccountId: DEMO_RESELLER_ACCOUNT_ID, name, email: `${name.replaceAll(" ", ".").toLowerCase()}@tabs.example` }, select: { id: true } })).id);
  const values = validFormInput(ssl, `tabs${randomUUID().slice(0, 6)}`);
  const tabs = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const [one, two] = await Promise.all(tabs.map((c) => c.newPage()));
    for (const page of [one!, two!]) {
      await signIn(page, STAFF);
      await pick(page, ssl);
      await page.getByLabel("Find an existing customer").fill(name);
      await page.getByRole("button", { name: new RegExp(name) }).click();
      await fill(page, values);
    }
    await one!.getByRole("button", { name: "Place order" }).click();
    await landAnsweringPriceQuestion(one!);
    const firstNumber = (await one!.getByRole("heading", { level: 1 }).textContent())!.replace("Order ", "");

    await two!.getByRole("button", { name: "Place order" }).click();
    const asked = question(two!);
    await expect(asked).toContainText(new RegExp(`An identical order \\(number ${firstNumber}\\) was placed at .* by Sam Staff; place another\\?`));
    expect(await withDb((db) => db.order.count({ where: { customerId } }))).toBe(1);
    await asked.getByRole("button", { name: "Place another" }).click();
    await two!.waitForURL((u) => /^\/orders\/(?!new$|awaiting$)[\w-]+$/.test(u.pathname), { timeout: 30_000 });
    await expect(two!.getByRole("heading", { level: 1 })).not.toHaveText(`Order ${firstNumber}`);
    const orders = await withDb((db) => db.order.findMany({ where: { customerId }, select: { _count: { select: { apiCalls: true } } } }));
    expect(orders.map((o) => o._count.apiCalls)).toEqual([1, 1]);
  } finally {
    await Promise.all(tabs.map((c) => c.close()));
  }
});
