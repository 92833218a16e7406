/**
 * The license lifecycle as an account manager meets it (issue 18 item 4), one row per screen: what
 * the screen says before the click, the click, and what it says after. Each row has its own license
 * (a real order at the sandbox, recorded here with the dates the row needs), so the specs running
 * alongside, which count the demo's licenses, are not disturbed. LICENSE_SHOTS_DIR saves a
 * screenshot before and after each click.
 */
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createPrismaClient } from "@/lib/db";
import { seedCustomer, seedLicense } from "@/tools/demo/factories";
import { DEMO_RESELLER } from "@/tools/demo-world/demo-data";
import { createSectigoClient } from "@/lib/sectigo/client";
import { signIn } from "./helpers";

const DAY = 86_400_000;
const run = randomBytes(4).toString("hex");
const shots = process.env.LICENSE_SHOTS_DIR;
const dateText = (d: Date) => new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" }).format(d);
const today = () => dateText(new Date());

/** One license per row: at Sectigo for `sectigoDays` (null: not at Sectigo), here as `termDays` started `startedDaysAgo`. */
type Fixture = { sectigoDays: 30 | 365 | null; termDays: number; startedDaysAgo: number; expiresInDays: number };
const FIXTURES = {
  addOn: { sectigoDays: 365, termDays: 365, startedDaysAgo: 165, expiresInDays: 200 },
  refund: { sectigoDays: 365, termDays: 365, startedDaysAgo: 0, expiresInDays: 365 },
  // Sectigo sold it for 30 days (no refund period there) while Order Desk records a year bought
  // today: Order Desk offers the refund, Sectigo refuses it, as near the end of the refund period.
  refused: { sectigoDays: 30, termDays: 365, startedDaysAgo: 0, expiresInDays: 365 },
  plan: { sectigoDays: 365, termDays: 365, startedDaysAgo: 0, expiresInDays: 365 },
  expired: { sectigoDays: null, termDays: 365, startedDaysAgo: 375, expiresInDays: -10 },
} satisfies Record<string, Fixture>;
type Key = keyof typeof FIXTURES;
const ids = Object.fromEntries(Object.keys(FIXTURES).map((k) => [k, `e2e-lifecycle-${k}-${run}`])) as Record<Key, string>;
const domains = Object.fromEntries(Object.keys(FIXTURES).map((k) => [k, `${k}-${run}.lifecycle-e2e.example`])) as Record<Key, string>;
const customerId = `e2e-lifecycle-c-${run}`;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const state = JSON.parse(fs.readFileSync(process.env.E2E_STATE_FILE!, "utf8")) as { databaseUrl: string; sandboxUrl: string };
  const sectigo = createSectigoClient({ baseUrl: state.sandboxUrl, mode: "SANDBOX", loginName: DEMO_RESELLER.loginName, loginPassword: DEMO_RESELLER.password });
  const db = createPrismaClient(state.databaseUrl);
  try {
    const account = await db.resellerAccount.findFirstOrThrow({ where: { loginName: DEMO_RESELLER.loginName } });
    const customer = await seedCustomer(db, { id: customerId, resellerAccountId: account.id, name: `Lifecycle E2E ${run}`, email: `owner-${run}@lifecycle-e2e.example` });
    for (const [key, f] of Object.entries(FIXTURES) as Array<[Key, Fixture]>) {
      let orderNumber: string | null = null;
      if (f.sectigoDays) {
        const placed = await sectigo.orderSiteLockForNewCustomer({ productCode: 1060, days: f.sectigoDays, domainName: domains[key], contactEmail: `${key}-${run}@lifecycle-e2e.example`, autoRenew: false });
        if (!placed.ok) throw new Error(`the sandbox refused the fixture order: ${placed.error.userMessage}`);
        orderNumber = placed.value.orderNumber;
      }
      await seedLicense(db, {
        id: ids[key], customerId: customer.id, resellerAccountId: account.id, orderStatus: "PLACED", licenseStatus: "ACTIVE", productCode: 1060, productName: "SiteLock Basic",
        autoRenew: false, cost: 99.99, currency: "USD", addOns: [], orderNumber, foreignOrderNumber: `OD-E2E-LIFE-${key}-${run}`, domainName: domains[key], termDays: f.termDays,
        startsAt: new Date(Date.now() - f.startedDaysAgo * DAY), expiresAt: new Date(Date.now() + f.expiresInDays * DAY),
      });
    }
  } finally {
    await db.$disconnect();
  }
});

interface Screen {
  name: string;
  user: string;
  path: (id: string) => string;
  license: Key;
  /** Gets the screen to the point just before the click that acts. */
  prepare?: (page: Page) => Promise<void>;
  before: Array<[testIdOrRole: string, text: string | RegExp]>;
  click: string;
  after: Array<[string, string | RegExp]>;
  /** What the next screen (the license page, the order form) then says. */
  then?: (page: Page) => Promise<void>;
}

const MANAGER = "manager@orderdesk.test";
const SCREENS: Screen[] = [
  {
    name: "an add-on asks first, with its price and term end, and warns before when the term outlives the license",
    user: MANAGER, license: "addOn", path: (id) => `/licenses/${id}`,
    prepare: async (page) => {
      await page.getByLabel("Add an add-on").selectOption({ label: "TrueShield Addon" });
      // Offered first: the term that ends with the license (30 days); a year outlives it, said before any click.
      await expect(page.getByLabel("Term")).toHaveValue("30");
      await page.getByLabel("Term").selectOption("365");
      await expect(page.getByTestId("add-on-outlives")).toContainText("after its license ends");
      await page.getByRole("button", { name: "Order TrueShield Addon…" }).click();
    },
    before: [["add-on-question", "$149.00"], ["add-on-question", `Its term ends on ${dateText(new Date(Date.now() + 365 * DAY))}`], ["add-on-question", "outlives its license"]],
    click: "Confirm add-on",
    after: [["license-action-result", /TrueShield Addon was added for 1 year.*Sectigo placed the order/]],
  },
  {
    name: "a refund says before that it ends the license now, the amount back and the days lost, and after what it did",
    user: MANAGER, license: "refund", path: (id) => `/licenses/${id}/cancel`,
    prepare: async (page) => {
      await page.getByRole("checkbox", { name: /is refunded and cancelled now/ }).check();
      // Inside the refund period the refund is the one choice: a plain cancellation there refunds too.
      await expect(page.getByTestId("cancel-will")).not.toContainText("Cancel without a refund");
    },
    before: [["cancel-will", "cancelled now, not at expiry; $99.99 goes back to our Sectigo account; the 365 days left"]],
    click: "Refund and cancel",
    after: [["cancel-ended", `Refunded on ${today()}: Sectigo refunded and cancelled the license`], ["cancel-ended", "$99.99 goes back to our Sectigo account"]],
    then: async (page) => {
      await page.getByRole("link", { name: "Back to the license" }).click();
      await expect(page.getByTestId("license-ended")).toHaveText(`Refunded on ${today()} ($99.99 back to our Sectigo account)`);
      await expect(page.getByTestId("license-expiry")).toHaveCount(0);
      // Nothing renews an ended license: the page does not say Sectigo will renew it at expiry.
      await expect(page.getByTestId("auto-renew-ended")).toHaveText("This license was refunded: neither Sectigo nor Order Desk renews it.");
      await expect(page.getByRole("switch")).toHaveCount(0);
    },
  },
  {
    name: "a refund Sectigo refuses is said plainly, and the plain cancellation is offered and works",
    user: MANAGER, license: "refused", path: (id) => `/licenses/${id}/cancel`,
    prepare: async (page) => {
      await page.getByRole("checkbox", { name: /is refunded and cancelled now/ }).check();
      await page.getByRole("button", { name: "Refund and cancel" }).click();
      await expect(page.getByTestId("cancel-result")).toContainText("Sectigo refused the refund.");
      await expect(page.getByTestId("cancel-result")).not.toContainText("remove it");
      await page.getByRole("checkbox", { name: /is cancelled now/ }).check();
    },
    before: [["cancel-result", "Nothing was refunded and the license is still active. You can still cancel it without a refund."], ["cancel-choice", "Cancel without a refund"]],
    click: "Cancel without refund",
    after: [["cancel-ended", `Cancelled on ${today()}: Sectigo cancelled the license`], ["cancel-ended", "nothing was refunded"]],
  },
  {
    name: "after a plan change the license page's header names the new plan",
    user: MANAGER, license: "plan", path: (id) => `/licenses/${id}/change-plan?product=1061`,
    before: [["change-plan-preview", "SiteLock Basic → SiteLock Pro"]],
    click: "Confirm upgrade to SiteLock Pro",
    after: [["change-plan-result", "Done: Sectigo changed the plan. This license is now SiteLock Pro."]],
    then: async (page) => {
      // The header's line under the domain: "<plan> · <customer> · <account>".
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(domains.plan);
      await expect(page.getByText(`SiteLock Pro · Lifecycle E2E ${run} ·`)).toBeVisible();
      await expect(page.getByText(`SiteLock Basic · Lifecycle E2E ${run} ·`)).toHaveCount(0);
    },
  },
  {
    name: "an expired license links to a new order with its product, domain and customer filled in",
    user: "staff@orderdesk.test", license: "expired", path: (id) => `/licenses/${id}`,
    before: [["renewal-refusal", "Order a new license to protect the site again."], ["order-new-license", "Order a new license for"]],
    click: "link:Order a new license for",
    after: [],
    then: async (page) => {
      await expect(page).toHaveURL(/\/orders\/new\?/);
      await expect(page.getByRole("radio", { name: /^SiteLock Basic/ })).toBeChecked();
      await expect(page.getByLabel("Domain name")).toHaveValue(domains.expired);
      await expect(page.getByText(`Existing customer: Lifecycle E2E ${run}`)).toBeVisible();
    },
  },
];

for (const [i, screen] of SCREENS.entries()) {
  test(screen.name, async ({ page }) => {
    await signIn(page, screen.user);
    await page.goto(screen.path(ids[screen.license]));
    await screen.prepare?.(page);
    for (const [id, text] of screen.before) await expect(page.getByTestId(id)).toContainText(text);
    if (shots) await page.screenshot({ path: `${shots}/${i + 1}-${screen.license}-before.png`, fullPage: true });
    if (screen.click.startsWith("link:")) await page.getByRole("link", { name: screen.click.slice(5) }).click();
    else await page.getByRole("button", { name: screen.click, exact: true }).click();
    for (const [id, text] of screen.after) await expect(page.getByTestId(id)).toContainText(text);
    await screen.then?.(page);
    if (shots) await page.screenshot({ path: `${shots}/${i + 1}-${screen.license}-after.png`, fullPage: true });
  });
}
