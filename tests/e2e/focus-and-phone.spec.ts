/**
 * Where the focus goes (closing the search dialog, a client-side navigation) and a phone's
 * width (390 px): the license lists as cards with Expires in view, a chart whose labels can be read.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_CUSTOMERS } from "@/tools/demo-world/demo-data";
import { signIn } from "./helpers";

async function hydrated(page: Page) {
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveAttribute("data-hydrated", "true");
}

test("the search dialog gives the focus back to what opened it, however it is closed", async ({ page }) => {
  await signIn(page, "support@orderdesk.test");
  await hydrated(page);
  const button = page.getByTestId("search-button");
  const dialog = page.getByRole("dialog", { name: "Search" });
  const ordersLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" });
  const closers: Record<string, () => Promise<void>> = {
    "the Esc key": () => dialog.getByRole("combobox").press("Escape"),
    "the Esc button": () => dialog.getByRole("button", { name: "Esc (close)" }).click(),
    "a click beside the dialog": () => page.mouse.click(4, 4),
  };
  for (const [how, close] of Object.entries(closers)) {
    // Opened with the header's button, and from the keyboard ("/") while a link had the focus.
    for (const [opener, open] of [
      [button, () => button.click()],
      [ordersLink, async () => (await ordersLink.focus(), await page.keyboard.press("/"))],
    ] as Array<[Locator, () => Promise<void>]>) {
      await open();
      await expect(dialog.getByRole("combobox")).toBeFocused();
      await close();
      await expect(dialog).toBeHidden();
      await expect(opener, how).toBeFocused();
    }
  }
});

test("after a client-side navigation the focus is on the new page's heading; customer matches are a named list", async ({ page }) => {
  await signIn(page, "manager@orderdesk.test");
  await hydrated(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Renewals" }).click();
  await expect(page).toHaveURL(/\/renewals$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

  await page.getByLabel("Customer", { exact: true }).fill(DEMO_CUSTOMERS[0]!.name.slice(0, 4));
  const matches = page.getByRole("list", { name: "Matching customers" });
  await expect(matches.getByRole("listitem").first()).toContainText(DEMO_CUSTOMERS[0]!.name);
});

test("at 390 px: license rows are cards with Expires in view, the chart's labels readable and apart", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "manager@orderdesk.test");
  for (const [address, name] of [["/licenses", "Licenses"], ["/renewals", "Expiring licenses"], ["/customers", "Customers"]] as const) {
    await page.goto(address);
    const table = page.getByRole("table", { name });
    const column = await table.locator("thead th").evaluateAll((ths) => ths.findIndex((th) => /expires|customer since/i.test(th.textContent ?? "")));
    expect(column, address).toBeGreaterThanOrEqual(0);
    const row = table.locator("tbody tr").first();
    // Down to the row without touching the table's own horizontal scroll.
    await row.evaluate((el) => window.scrollBy(0, el.getBoundingClientRect().top - 100));
    const cell = (await row.locator("td").nth(column).boundingBox())!;
    expect(cell.x, address).toBeGreaterThanOrEqual(0);
    expect(cell.x + cell.width, `${address}: the Expires cell ends inside the screen`).toBeLessThanOrEqual(390);
    expect((await row.boundingBox())!.height, `${address}: row height`).toBeLessThanOrEqual(170);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll, `${address}: no horizontal scroll`).toBeLessThanOrEqual(390);
    const frame = await table.evaluate((t) => ({ scroll: t.parentElement!.scrollWidth, client: t.parentElement!.clientWidth }));
    expect(frame.scroll, `${address}: the table fits its frame`).toBeLessThanOrEqual(frame.client + 1);
  }

  await page.goto("/renewals");
  const chart = page.getByRole("img", { name: /^Expiries per week/ });
  await expect(chart).toBeVisible();
  const labels = await chart.locator("text").evaluateAll((texts) =>
    texts.map((t) => {
      const r = t.getBoundingClientRect();
      return { text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height };
    }),
  );
  expect(labels.length).toBeGreaterThan(13);
  for (const [i, a] of labels.entries()) {
    expect(a.height, `"${a.text}" is drawn at a readable size`).toBeGreaterThanOrEqual(11);
    expect(a.right, `"${a.text}" inside the screen`).toBeLessThanOrEqual(390);
    for (const b of labels.slice(i + 1)) {
      const overlap = a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
      expect(overlap, `"${a.text}" and "${b.text}" overlap`).toBe(false);
    }
  }
});
