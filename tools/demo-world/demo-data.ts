/**
 * The demo world, described once. The app's seed (prisma/seed.ts) and the Sectigo sandbox's
 * initial state (tools/sandbox) both derive from this file so that what the app believes
 * and what "Sectigo" knows agree: same reseller login, same order numbers, same expiry dates.
 *
 * Dates are offsets in days from an anchor day (the day the demo world was first created),
 * so a license "inside its renewal window" stays meaningful whenever the demo starts fresh.
 * These are demo-only credentials for the local sandbox; they unlock nothing real.
 */

export const DEMO_RESELLER = {
  loginName: "orderdesk-demo",
  /** Sandbox-only demo password; documented in the README. */
  password: "demo-sandbox-pass",
  // The mode is shown beside the label wherever accounts are listed (lib/settings/account-label.ts).
  label: "Demo reseller",
  /** The reseller brand (`ap`) PlaceOrder names the reseller by. */
  brand: "OrderDeskDemo",
  currency: "USD",
  funds: 5000,
  creditLimit: 0,
  siteLockEnabled: true,
  autoRenewDefault: true,
} as const;

/** A second sandbox account with SiteLock disabled and no funds, for error demos (-76, -15). */
export const DEMO_RESELLER_NO_SITELOCK = {
  loginName: "orderdesk-nositelock",
  password: "demo-sandbox-pass",
  currency: "USD",
  funds: 0,
  creditLimit: 0,
  siteLockEnabled: false,
  autoRenewDefault: false,
} as const;

export type DemoRole = "ADMIN" | "STAFF" | "ACCOUNT_MANAGER" | "SUPPORT";

export const DEMO_PASSWORD = "orderdesk-demo";

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; role: DemoRole }> = [
  { email: "admin@orderdesk.test", name: "Ada Admin", role: "ADMIN" },
  { email: "staff@orderdesk.test", name: "Sam Staff", role: "STAFF" },
  { email: "manager@orderdesk.test", name: "Mia Manager", role: "ACCOUNT_MANAGER" },
  { email: "support@orderdesk.test", name: "Sid Support", role: "SUPPORT" },
];

export interface DemoAddOn {
  productCode: number;
  productName: string;
}

export interface DemoLicense {
  /** Stable key used for ids in the app and the sandbox. */
  key: string;
  orderNumber: string;
  foreignOrderNumber: string;
  productCode: number;
  productName: string;
  domainName: string;
  termDays: number;
  /** Days from the anchor day when the license started (negative = in the past). */
  startOffsetDays: number;
  autoRenew: boolean;
  cost: number;
  addOns: DemoAddOn[];
  /** "awaiting" = placed with reseller=Y and not yet authorized. */
  state: "active" | "awaiting";
}

export interface DemoCustomer {
  key: string;
  name: string;
  email: string;
  foreName: string;
  surName: string;
  telephone: string;
  country: string;
  licenses: DemoLicense[];
}

export const DEMO_CUSTOMERS: ReadonlyArray<DemoCustomer> = [
  {
    key: "acme",
    name: "Acme Hosting Ltd",
    email: "it@acme-hosting.example",
    foreName: "Alice",
    surName: "Archer",
    telephone: "+44 161 555 0101",
    country: "GB",
    licenses: [
      {
        key: "acme-pro",
        orderNumber: "9100001",
        foreignOrderNumber: "OD-DEMO-0001",
        productCode: 1061,
        productName: "SiteLock Pro",
        domainName: "acme-hosting.example",
        termDays: 365,
        startOffsetDays: -120, // active, ~245 days left
        autoRenew: true,
        cost: 299.99,
        addOns: [
          { productCode: 1069, productName: "10 GB Backup Addon" },
          { productCode: 1071, productName: "TrueShield Addon" },
        ],
        state: "active",
      },
    ],
  },
  {
    key: "bluebird",
    name: "Bluebird Bakery",
    email: "owner@bluebird-bakery.example",
    foreName: "Bea",
    surName: "Baker",
    telephone: "+1 212 555 0102",
    country: "US",
    licenses: [
      {
        key: "bluebird-basic",
        orderNumber: "9100002",
        foreignOrderNumber: "OD-DEMO-0002",
        productCode: 1060,
        productName: "SiteLock Basic",
        domainName: "bluebird-bakery.example",
        termDays: 365,
        startOffsetDays: -353, // expires in 12 days: inside the 30-day renewal window
        autoRenew: false,
        cost: 99.99,
        addOns: [],
        state: "active",
      },
    ],
  },
  {
    key: "cobalt",
    name: "Cobalt Consulting",
    email: "admin@cobalt-consulting.example",
    foreName: "Carl",
    surName: "Cobb",
    telephone: "+49 30 555 0103",
    country: "DE",
    licenses: [
      {
        key: "cobalt-monthly",
        orderNumber: "9100003",
        foreignOrderNumber: "OD-DEMO-0003",
        productCode: 1060,
        productName: "SiteLock Basic",
        domainName: "cobalt-consulting.example",
        termDays: 30,
        startOffsetDays: -40, // expired 10 days ago
        autoRenew: false,
        cost: 9.99,
        addOns: [],
        state: "active",
      },
      {
        key: "cobalt-shop",
        orderNumber: "9100004",
        foreignOrderNumber: "OD-DEMO-0004",
        productCode: 1059,
        productName: "SiteLock Monitor",
        domainName: "shop.cobalt-consulting.example",
        termDays: 365,
        startOffsetDays: -2,
        autoRenew: true,
        cost: 0,
        addOns: [],
        state: "awaiting",
      },
    ],
  },
];

const DAY_MS = 86_400_000;

/** Midnight UTC of the given instant. */
export function anchorDay(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
}

/**
 * A license's dates. The expiry is `startOffsetDays + termDays` from the anchor day; only the expiry
 * may lie ahead (issue 17: orders dated in the future topped "newest first"). A term that would start
 * after the anchor day (a monthly license expiring in 65 days) is one renewed in advance: the license
 * started whole terms earlier, on or before the anchor day, and its order was placed then.
 */
export function demoDates(license: DemoLicense, anchor: Date): { startsAt: Date; expiresAt: Date } {
  const expiryOffset = license.startOffsetDays + license.termDays;
  let startOffset = license.startOffsetDays;
  if (startOffset > 0) startOffset = license.termDays > 0 ? startOffset - Math.ceil(startOffset / license.termDays) * license.termDays : 0;
  return { startsAt: new Date(anchor.getTime() + startOffset * DAY_MS), expiresAt: new Date(anchor.getTime() + expiryOffset * DAY_MS) };
}
