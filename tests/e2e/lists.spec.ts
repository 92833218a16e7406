/**
 * The lists as each role meets them: every sortable header clicked both ways, hostile query
 * strings, paging past the end, Apply keeping the sort, and the pages around them (404, 403,
 * dashboard), plus the accessibility checks a keyboard or low-vision user notices first.
 */
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS } from "@/tools/demo-world/demo-data";
import { ORDER_STATUS_LABELS } from "@/components/orders/order-status";
import { signIn, signInFormReady } from "./helpers";

type Kind = "text" | "date" | "status";
// `narrow`: a search that leaves one page (under 25 rows) of the demo world, whose renewals book
// fills several pages: "desc is asc reversed" holds only when the whole list is on the page.
const LISTS = [
  { path: "/orders", heading: "Orders", narrow: "site000000", columns: [["Order", "text"], ["Status", "status"], ["Placed", "date"]] },
  { path: "/licenses", heading: "Licenses", narrow: "site000000", columns: [["Domain", "text"], ["Expires", "date"], ["Product", "text"]] },
  { path: "/customers", heading: "Customers", narrow: "amber", columns: [["Name", "text"], ["Email", "text"]] },
] as const satisfies ReadonlyArray<{ path: string; heading: string; narrow: string; columns: ReadonlyArray<readonly [string, Kind]> }>;

const STATUS_ORDER = Object.values(ORDER_STATUS_LABELS).map((s) => s.label);

/** The visible values of one column, in row order (first line of each cell: the sort key). */
async function columnValues(page: Page, label: string): Promise<string[]> {
  const table = page.getByRole("table");
  const headers = await table.locator("thead th").allInnerTexts();
  const index = headers.findIndex((h) => h.replace(/[▲▼]/g, "").trim().toLowerCase() === label.toLowerCase());
  expect(index, `column ${label}`).toBeGreaterThanOrEqual(0);
  const cells = await table.locator(`tbody tr > :nth-child(${index + 1})`).allInnerTexts();
  return cells.map((c) => c.split("\n")[0]!.trim());
}

function key(kind: Kind, value: string): number | string {
  if (kind === "date") return Date.parse(`${value} UTC`);
  if (kind === "status") return STATUS_ORDER.indexOf(value);
  return value;
}

async function expectSaneList(page: Page, heading: string) {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByTestId("table-total")).toBeVisible();
}

for (const user of DEMO_USERS) {
  for (const list of LISTS) {
    test(`${user.role}: every sortable header of ${list.path} sorts both ways`, async ({ page }) => {
      await signIn(page, user.email);
      await page.goto(`${list.path}?q=${list.narrow}`);
      await expectSaneList(page, list.heading);
      await expect(page.getByTestId("table-total")).toContainText("page 1 of 1");
      for (const [label, kind] of list.columns) {
        const header = () => page.getByRole("columnheader", { name: new RegExp(`^${label}`) });
        const seen: Record<string, string[]> = {};
        // A click sorts ascending, unless the column is sorted ascending already.
        for (let click = 0; click < 2; click++) {
          const before = await header().getAttribute("aria-sort");
          await header().getByRole("link").click();
          const dir = before === "ascending" ? "desc" : "asc";
          await expect.poll(() => new URL(page.url()).searchParams.get("dir")).toBe(dir);
          expect(new URL(page.url()).searchParams.get("sort")).not.toBeNull();
          await expectSaneList(page, list.heading);
          await expect(header()).toHaveAttribute("aria-sort", dir === "asc" ? "ascending" : "descending");
          await expect(header()).toContainText(dir === "asc" ? "▲" : "▼");
          await expect(page.locator("thead th[aria-sort]")).toHaveCount(1);
          await expect(page.getByText(/Sorted by /)).toContainText(`Sorted by ${label.toLowerCase()}`);
          seen[dir] = await columnValues(page, label);
        }
        const asc = seen.asc!;
        expect(asc.length, `${list.path} rows`).toBeGreaterThan(1);
        expect(seen.desc, `${label} desc is asc reversed`).toEqual([...asc].reverse());
        if (kind !== "text") {
          const keys = asc.map((v) => key(kind, v) as number);
          expect(keys.every((k) => k >= 0 && !Number.isNaN(k)), `${label} values ${asc.join(", ")}`).toBe(true);
          expect(keys, `${label} ascending`).toEqual([...keys].sort((a, b) => a - b));
        }
      }
    });
  }
}

test("paging past the end shows the last page, and Apply keeps the sort and starts at page 1", async ({ page }) => {
  await signIn(page, "manager@orderdesk.test");
  for (const list of LISTS) {
    const response = await page.goto(`${list.path}?page=9999&sort=${list.path === "/customers" ? "email" : list.path === "/orders" ? "status" : "domainName"}&dir=desc`);
    expect(response?.status()).toBe(200);
    await expectSaneList(page, list.heading);
    // The last page, whatever the demo world's size (it has several pages of each list since the renewals book).
    await expect(page.getByTestId("table-total")).toHaveText(/page (\d+) of \1$/);
    await expect(page.locator("tbody tr").first()).toBeVisible();
    await expect(page.locator("thead th[aria-sort='descending']")).toHaveCount(1);
    // A new search through the form: the sort stays, the page goes back to 1.
    await page.getByLabel("Search").fill("example");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/q=example/);
    const url = new URL(page.url());
    expect(url.searchParams.get("dir")).toBe("desc");
    expect(url.searchParams.get("sort")).not.toBeNull();
    expect(url.searchParams.get("page")).toBeNull();
    await expect(page.locator("thead th[aria-sort='descending']")).toHaveCount(1);
  }
});

test("the orders status filter speaks human and keeps the sort", async ({ page }) => {
  await signIn(page, "staff@orderdesk.test");
  await page.goto("/orders?sort=orderNumber&dir=asc");
  const status = page.getByLabel("Status");
  await expect(status.locator("option")).toHaveText(["Any", ...STATUS_ORDER]);
  await status.selectOption({ label: "Awaiting authorization" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=AWAITING_AUTHORIZATION/);
  await expect(page).toHaveURL(/sort=orderNumber&dir=asc/);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator("tbody")).toContainText("Awaiting authorization");
});

const HOSTILE_Q = ["%00", "%5C", "acme%5C", "%25", "_", "a".repeat(10_000), "%F0%9F%8D%AF", "%E2%80%AE%D7%A9%D7%9C%D7%95%D7%9D", "%27%20OR%201%3D1%20--"];
const HOSTILE_OTHER = ["page=-1", "page=1e9", "page=abc", "sort=__proto__", "sort=constructor", "dir=x", "status=bogus", "window=bogus", "q=a&q=b&page=2&page=1", "sort=domainName&sort=name"];

test("hostile query strings on every list and the lookup give a sane page", async ({ page }) => {
  await signIn(page, "support@orderdesk.test");
  const targets = [...LISTS.map((l) => [l.path, l.heading] as const), ["/lookup", "Lookup"] as const];
  for (const [path, heading] of targets) {
    for (const query of [...HOSTILE_Q.map((q) => `q=${q}`), ...HOSTILE_OTHER]) {
      const response = await page.request.get(`${path}?${query}`);
      expect(response.status(), `${path}?${query.slice(0, 40)}`).toBe(200);
      const html = await response.text();
      expect(html, `${path}?${query.slice(0, 40)}`).toContain(`>${heading}</h1>`);
    }
  }
  // `%` is a literal, not "every row".
  await page.goto("/customers?q=%25");
  await expect(page.getByText("No customers match.")).toBeVisible();
});

test("unknown pages and ids answer 404 inside the app, with a way back", async ({ page }) => {
  await signIn(page, "support@orderdesk.test");
  for (const path of ["/no-such-page", "/orders/does-not-exist", "/licenses/42/edit"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page).toHaveTitle("Page not found · Order Desk");
  }
  await page.getByRole("link", { name: /Look up/ }).click();
  await expect(page).toHaveURL(/\/lookup$/);
  await page.goto("/does-not-exist");
  await page.getByRole("link", { name: "Back to the dashboard" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page).toHaveTitle("Dashboard · Order Desk");
});

test("a page the role may not use answers 403 inside the app", async ({ page }) => {
  await signIn(page, "support@orderdesk.test");
  const response = await page.goto("/settings");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Not available for your role" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page).toHaveTitle("Not available for your role · Order Desk");
});

test("the dashboard mentions the license that expired ten days ago", async ({ page }) => {
  await signIn(page, "manager@orderdesk.test");
  // The demo's renewals book expires licenses every day, so the dashboard's 8 most recent are book
  // licenses; the one from ten days ago is found through the expired filter.
  await expect(page.getByTestId("recently-expired-list")).toContainText(/Expired \d+ d ago/);
  await page.goto("/licenses?window=expired&q=cobalt-consulting");
  await expect(page.getByRole("cell", { name: /^cobalt-consulting\.example/ })).toBeVisible();
});

test("keyboard: a skip link first, and a visible focus ring on inputs", async ({ page }) => {
  await signIn(page, "staff@orderdesk.test");
  await page.goto("/orders");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  const search = page.getByLabel("Search");
  await search.focus();
  const outline = await search.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(outline.style).not.toBe("none");
  expect(outline.width).toBeGreaterThanOrEqual(2);
});

test("sign-in errors are tied to their fields", async ({ page }) => {
  await page.goto("/signin");
  await signInFormReady(page);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in" }).click();
  const email = page.getByLabel("Email");
  await expect(email).toHaveAttribute("aria-describedby", "email-error");
  await expect(email).toHaveAccessibleDescription("Enter a valid email address.");
});

/** Every visible text against its background, and the placeholders: at least 4.5:1 (3:1 for large text). */
async function lowContrastTexts(page: Page) {
  return page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d", { willReadFrequently: true })!;
    const rgba = (css: string) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = "#000";
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return { r: r!, g: g!, b: b!, a: a! / 255 };
    };
    const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const f = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null) => {
      for (; el; el = el.parentElement) {
        const c = rgba(getComputedStyle(el).backgroundColor);
        if (c.a > 0.5) return c;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const ratio = (fg: { r: number; g: number; b: number; a: number }, bg: { r: number; g: number; b: number }) => {
      const mixed = { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a) };
      const [l1, l2] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
      return (l1! + 0.05) / (l2! + 0.05);
    };
    const bad: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!own || el.closest("option, [disabled], .sr-only, title, script, style")) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const s = getComputedStyle(el);
      const size = parseFloat(s.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      const r = ratio(rgba(s.color), background(el));
      if (r < (large ? 3 : 4.5)) bad.push(`${el.tagName} "${el.textContent!.trim().slice(0, 30)}" ${r.toFixed(2)}`);
    }
    for (const input of Array.from(document.querySelectorAll("input[placeholder]"))) {
      const r = ratio(rgba(getComputedStyle(input, "::placeholder").color), background(input));
      if (r < 4.5) bad.push(`placeholder "${(input as HTMLInputElement).placeholder.slice(0, 30)}" ${r.toFixed(2)}`);
    }
    return bad;
  });
}

test("text and placeholders are readable (4.5:1) on every page of the app", async ({ page }) => {
  await signIn(page, "admin@orderdesk.test");
  const pages = ["/", "/orders", "/orders/new?product=positivessl-ov", "/orders/awaiting", "/orders/demo-license-acme-pro-order", "/licenses", "/customers"];
  for (const path of [...pages, "/lookup?q=cobalt-consulting.example", "/settings", "/settings/accounts", "/settings/accounts/new", "/settings/prices", "/no-such-page"]) {
    await page.goto(path);
    expect(await lowContrastTexts(page), path).toEqual([]);
  }
});

test("on a 390 px phone the license list shows domain, renewal state and expiry without scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "manager@orderdesk.test");
  await page.goto("/licenses");
  for (const name of [/^Domain/, /^Renewal/, /^Expires/]) {
    const box = await page.getByRole("columnheader", { name }).boundingBox();
    expect(box, String(name)).not.toBeNull();
    expect(box!.x + box!.width, String(name)).toBeLessThanOrEqual(390);
  }
});
