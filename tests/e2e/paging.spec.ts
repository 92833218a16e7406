/**
 * Paging links as each role meets them, on lists longer than a page. The demo world has a few
 * rows, so this spec adds 60 customers, orders and licenses to the e2e database first; it runs
 * in its own Playwright project after every other spec (see playwright.config.ts), so the extra
 * rows never change what those see.
 */
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { seedCustomer, seedLicense } from "@/tools/demo/factories";
import { DEMO_RESELLER, DEMO_USERS } from "@/tools/demo-world/demo-data";
import { PAGE_SIZE } from "@/lib/pagination";
import { signIn } from "./helpers";

const EXTRA = 60;
const LISTS = [
  { path: "/orders", heading: "Orders", sort: "orderNumber", column: "Order" },
  { path: "/licenses", heading: "Licenses", sort: "domainName", column: "Domain" },
  { path: "/customers", heading: "Customers", sort: "name", column: "Name" },
] as const;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const state = JSON.parse(fs.readFileSync(process.env.E2E_STATE_FILE!, "utf8")) as { databaseUrl: string };
  const db = createPrismaClient(state.databaseUrl);
  try {
    const account = await db.resellerAccount.findFirstOrThrow({ where: { loginName: DEMO_RESELLER.loginName } });
    const day = 86_400_000;
    for (let i = 1; i <= EXTRA; i++) {
      const n = String(i).padStart(2, "0");
      const customer = await seedCustomer(db, { id: `paging-c-${n}`, resellerAccountId: account.id, name: `Paging Customer ${n}`, email: `paging-${n}@paging.example` });
      await seedLicense(db, {
        id: `paging-l-${n}`,
        customerId: customer.id,
        resellerAccountId: account.id,
        orderNumber: `77000${n}`,
        foreignOrderNumber: `OD-PAGING-${n}`,
        orderStatus: "PLACED",
        licenseStatus: "ACTIVE",
        productCode: 1059,
        productName: "SiteLock Basic",
        domainName: `paging-${n}.example`,
        termDays: 365,
        startsAt: new Date(Date.now() - i * day),
        expiresAt: new Date(Date.now() + (200 + i) * day),
        autoRenew: false,
        cost: 10,
        currency: "USD",
        addOns: [],
      });
    }
  } finally {
    await db.$disconnect();
  }
});

async function firstColumn(page: Page, label: string): Promise<string[]> {
  const headers = await page.locator("thead th").allInnerTexts();
  const index = headers.findIndex((h) => h.replace(/[▲▼]/g, "").trim().toLowerCase() === label.toLowerCase());
  expect(index, `column ${label}`).toBeGreaterThanOrEqual(0);
  return (await page.locator(`tbody tr > :nth-child(${index + 1})`).allInnerTexts()).map((c) => c.split("\n")[0]!.trim());
}

function expectKept(page: Page, list: (typeof LISTS)[number], pageNumber: number) {
  const url = new URL(page.url());
  expect(url.pathname).toBe(list.path);
  expect(url.searchParams.get("sort")).toBe(list.sort);
  expect(url.searchParams.get("dir")).toBe("desc");
  expect(url.searchParams.get("q")).toBe("paging");
  expect(url.searchParams.get("page") ?? "1").toBe(String(pageNumber));
}

for (const user of DEMO_USERS) {
  test(`${user.role}: Next and Previous walk every list, keeping sort, direction and search`, async ({ page }) => {
    await signIn(page, user.email);
    const pages = Math.ceil(EXTRA / PAGE_SIZE);
    for (const list of LISTS) {
      await page.goto(`${list.path}?q=paging&sort=${list.sort}&dir=desc`);
      await expect(page.getByTestId("table-total")).toHaveText(new RegExp(`^${EXTRA} results · page 1 of ${pages}$`));
      const seen: string[] = [];
      for (let n = 1; n <= pages; n++) {
        expectKept(page, list, n);
        await expect(page.getByRole("heading", { level: 1, name: list.heading })).toBeVisible();
        await expect(page.locator("thead th[aria-sort='descending']")).toContainText(list.column);
        const rows = await firstColumn(page, list.column);
        expect(rows.length).toBe(n < pages ? PAGE_SIZE : EXTRA - PAGE_SIZE * (pages - 1));
        seen.push(...rows);
        const pagination = page.getByRole("navigation", { name: "Pagination" });
        if (n < pages) {
          await pagination.getByRole("link", { name: "Next" }).click();
          await expect(page.getByTestId("table-total")).toContainText(`page ${n + 1} of ${pages}`);
        } else {
          await expect(pagination.getByRole("link", { name: "Next" })).toHaveCount(0);
        }
      }
      // Every row once, in one descending order across the pages.
      expect(new Set(seen).size).toBe(EXTRA);
      expect(seen).toEqual([...seen].sort().reverse());
      // And back.
      await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Previous" }).click();
      await expect(page.getByTestId("table-total")).toContainText(`page ${pages - 1} of ${pages}`);
      expectKept(page, list, pages - 1);
    }
  });
}
