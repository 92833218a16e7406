/**
 * Issue 10 as support meets it: "what happened to order N?" from any page, by keyboard. The
 * values typed come from the demo seed (tools/demo-world/demo-data.ts), so a seed change moves the test
 * with it instead of hiding a broken search.
 */
import { expect, test, type Page } from "@playwright/test";
import { DEMO_CUSTOMERS } from "@/tools/demo-world/demo-data";
import { signIn } from "./helpers";

const customer = (key: string) => DEMO_CUSTOMERS.find((c) => c.key === key)!;
const license = (customerKey: string, key: string) => customer(customerKey).licenses.find((l) => l.key === key)!;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const acmePro = license("acme", "acme-pro");
const cobaltShop = license("cobalt", "cobalt-shop");
const cobaltMonthly = license("cobalt", "cobalt-monthly");
const acme = customer("acme");

/** Opens the search with the keyboard; before hydration the key does nothing, so it is retried. */
async function openSearch(page: Page, key: string) {
  const dialog = page.getByRole("dialog", { name: "Search" });
  await expect(async () => {
    await page.keyboard.press(key);
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass();
  const box = dialog.getByRole("combobox");
  await expect(box).toBeFocused();
  return { dialog, box };
}

test("support pastes an order number, presses Enter at once and reads the order's timeline", async ({ page }) => {
  await signIn(page, "support@orderdesk.test");
  await page.goto("/licenses");
  await expect(page.getByTestId("search-button")).toContainText("Search orders, domains, emails…");
  await openSearch(page, "Control+k");
  // Pasted and Enter before the results request can answer: the Lookup page sends it on.
  await page.keyboard.insertText(acmePro.orderNumber);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/orders\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Order ${acmePro.orderNumber}`);
  const timeline = page.getByRole("list", { name: "Order timeline" });
  await expect(timeline.getByRole("listitem").first()).toContainText("UTC");
  await expect(timeline).toContainText(/created/);
});

const PICKS = [
  {
    what: "our reference: the exact match is the first option and Enter opens it",
    typed: acmePro.foreignOrderNumber,
    option: new RegExp(escape(acmePro.orderNumber)),
    badge: "our reference",
    by: "enter" as const,
    url: /\/orders\/[^/?]+$/,
    heading: `Order ${acmePro.orderNumber}`,
  },
  {
    what: "a partial domain: the subdomain's license, picked with the arrow keys",
    typed: cobaltShop.domainName.split(".")[1]!.slice(0, -3), // "cobalt-consult"
    option: new RegExp(`^${escape(cobaltShop.domainName)}`),
    badge: null,
    by: "arrows" as const,
    url: /\/licenses\/[^/?]+$/,
    heading: cobaltShop.domainName,
  },
  {
    what: "a partial domain: the other license, clicked",
    typed: cobaltMonthly.domainName.slice(0, 10),
    option: new RegExp(`^${escape(cobaltMonthly.domainName)}`),
    badge: null,
    by: "click" as const,
    url: /\/licenses\/[^/?]+$/,
    heading: cobaltMonthly.domainName,
  },
  {
    what: "an email: the customer",
    typed: acme.email,
    option: new RegExp(`^${escape(acme.name)}`),
    badge: "email",
    by: "click" as const,
    url: /\/customers\/[^/?]+$/,
    heading: acme.name,
  },
];

for (const pick of PICKS) {
  test(`support finds ${pick.what}`, async ({ page }) => {
    await signIn(page, "support@orderdesk.test");
    await page.goto("/orders");
    const { dialog, box } = await openSearch(page, "/");
    await page.keyboard.insertText(pick.typed);
    const option = dialog.getByRole("option", { name: pick.option });
    await expect(option).toBeVisible();
    if (pick.badge) await expect(option).toContainText(pick.badge);
    if (pick.by === "enter") {
      await expect(dialog.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
      await expect(dialog.getByRole("option").first()).toContainText("Enter opens it");
      await box.press("Enter");
    } else if (pick.by === "arrows") {
      const options = dialog.getByRole("option");
      const target = await option.getAttribute("id");
      // Down until the combobox points at it (the listbox is the engine's ranking, not ours to assume).
      for (let i = 0; i < (await options.count()) && (await box.getAttribute("aria-activedescendant")) !== target; i++) await box.press("ArrowDown");
      await expect(box).toHaveAttribute("aria-activedescendant", target!);
      await expect(option).toHaveAttribute("aria-selected", "true");
      await box.press("Enter");
    } else {
      await option.click();
    }
    await expect(page).toHaveURL(pick.url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(pick.heading);
    await expect(dialog).toBeHidden();
  });
}

test("the search dialog: Esc closes it and gives the focus back; no matches is a sentence; all results on the Lookup page", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "support@orderdesk.test");
  const button = page.getByTestId("search-button");
  await expect(async () => {
    await button.click();
    await expect(page.getByRole("dialog", { name: "Search" })).toBeVisible({ timeout: 1_000 });
  }).toPass();
  const dialog = page.getByRole("dialog", { name: "Search" });
  const box = dialog.getByRole("combobox");
  await expect(dialog.getByRole("status")).toHaveText(/^Type an order number/);
  await box.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();

  // From the keyboard, the focus goes back where it was, even after a second Ctrl+K while open.
  await page.goto("/orders");
  const ordersLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" });
  await ordersLink.focus();
  await openSearch(page, "/");
  await box.press("Control+k");
  await box.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(ordersLink).toBeFocused();
  // "/" typed into a text field is a slash, not the shortcut. The page's own search box, by its role:
  // the closing dialog (also labelled "Search") may still be in the page for a moment after Escape.
  const pageSearch = page.getByRole("searchbox", { name: "Search", exact: true });
  await pageSearch.fill("a");
  await pageSearch.press("/");
  await expect(pageSearch).toHaveValue("a/");
  await expect(dialog).toBeHidden();

  await button.click();
  await page.keyboard.insertText("zz-no-such-thing-zz");
  await expect(dialog.getByRole("status")).toHaveText("Nothing matches “zz-no-such-thing-zz”. Check the spelling, or try a whole domain or an email.");
  await expect(dialog.getByRole("option")).toHaveCount(0);
  await box.fill(cobaltShop.domainName);
  await dialog.getByRole("link", { name: `See all results for “${cobaltShop.domainName}”` }).click();
  await expect(page).toHaveURL(`/lookup?q=${encodeURIComponent(cobaltShop.domainName)}&all=1`);
  await expect(page.getByTestId("lookup-results").getByRole("link", { name: cobaltShop.domainName, exact: true })).toBeVisible();
});

test("the Lookup page sends an exact order number straight to the order", async ({ page }) => {
  await signIn(page, "support@orderdesk.test");
  for (const q of [acmePro.orderNumber, ` ${acmePro.foreignOrderNumber.toLowerCase()} `]) {
    await page.goto(`/lookup?q=${encodeURIComponent(q)}`);
    await expect(page).toHaveURL(/\/orders\/[^/?]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Order ${acmePro.orderNumber}`);
  }
});

test("the results route refuses a signed-out request and survives hostile input", async ({ page, playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const refused = await anonymous.get(`/api/lookup?q=${acmePro.orderNumber}`, { maxRedirects: 0 });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["cache-control"]).toContain("no-store");
  expect(await refused.json()).toEqual({ error: expect.stringMatching(/Sign in/) });
  await anonymous.dispose();

  await signIn(page, "support@orderdesk.test");
  const found = await page.request.get(`/api/lookup?q=${acmePro.orderNumber}`);
  expect(found.status()).toBe(200);
  expect(found.headers()["cache-control"]).toContain("no-store");
  expect((await found.json()).result.exact).toMatchObject({ kind: "order", href: expect.stringMatching(/^\/orders\//) });
  for (const q of ["%00", "%5C", "%25", "_", "a".repeat(10_000), "%F0%9F%8D%AF", "%27%20OR%201%3D1%20--", "%E2%80%AE", "q&q=b"]) {
    const response = await page.request.get(`/api/lookup?q=${q}`);
    expect(response.status(), q.slice(0, 20)).toBe(200);
    expect(await response.json(), q.slice(0, 20)).toHaveProperty("result");
  }
});
