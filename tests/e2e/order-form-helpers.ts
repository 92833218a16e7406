import { expect, type Page } from "@playwright/test";
import { FIELD_SPECS, type FieldKey, type OrderFormInput, type Product } from "@/lib/catalog";

export async function pick(page: Page, product: Product) {
  await page.goto("/orders/new");
  await page.getByLabel("Search products").fill(product.name);
  await page.getByRole("radio", { name: product.name, exact: false }).first().check();
  await expect(page.getByRole("form", { name: `Order ${product.name}` })).toBeVisible();
}

/** Types the values into the generated form, by the field ids the form gives each catalog field. */
export async function fill(page: Page, values: OrderFormInput) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (key === "term") {
      await page.locator("#term").selectOption(String(value));
      continue;
    }
    const spec = FIELD_SPECS[key as FieldKey];
    const field = page.locator(`#f-${key}`);
    if (spec.input === "checkbox") await (value === true ? field.check() : field.uncheck());
    else if (spec.input === "checkboxes") for (const v of value as string[]) await page.locator(`input[name="${key}"][value="${v}"]`).check();
    else if (spec.input === "select") await field.selectOption(String(value));
    else await field.fill(String(value));
  }
}

export const onOrderPage = (u: URL) => /^\/orders\/(?!new$|awaiting$)[\w-]+$/.test(u.pathname);

/** The server's question before sending (lib/orders/server-confirmations.ts), when it asks one. */
export function question(page: Page) {
  return page.getByRole("alertdialog", { name: "Confirm the order" });
}

/**
 * After "Place order": lands on the order page, answering "yes" when the server asks about items
 * without a sell price (the e2e world prices only some plans). Any other question fails the test.
 */
export async function landAnsweringPriceQuestion(page: Page) {
  const asked = question(page);
  const landed = page.waitForURL(onOrderPage, { timeout: 30_000 }).then(() => "landed" as const);
  const shown = asked.waitFor({ timeout: 30_000 }).then(() => "asked" as const);
  const first = await Promise.race([landed, shown]);
  // The other wait ends with the page (or times out); its result is not needed.
  landed.catch(() => undefined);
  shown.catch(() => undefined);
  if (first === "asked" && !onOrderPage(new URL(page.url()))) {
    await expect(asked).toContainText("No sell price is set for");
    await expect(asked).not.toContainText("identical order");
    await asked.getByRole("button", { name: "Place the order anyway" }).click();
    await page.waitForURL(onOrderPage, { timeout: 30_000 });
  }
}

export async function placeAndLand(page: Page) {
  await page.getByRole("button", { name: "Place order" }).click();
  await landAnsweringPriceQuestion(page);
  // The focus lands on the placed order's heading, not on the body (components/shell/route-focus.tsx).
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
}
