import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_CUSTOMERS, DEMO_PASSWORD, DEMO_RESELLER, DEMO_USERS, demoDates } from "@/lib/demo/demo-data";
import { seedCustomer, seedLicense, seedResellerAccount, seedUser } from "@/lib/demo/factories";
import { bookCustomerHasManager, RENEWALS_BOOK, renewalsBookCustomers } from "@/lib/demo/renewals-book";
import { appIds, insertScaledWorld } from "@/lib/demo/scaled-world-db";
import { scaledWorldOptions } from "@/lib/demo/scaled-world";
import type { ClientBase } from "pg";

export const DEMO_RESELLER_ACCOUNT_ID = "demo-reseller";

/**
 * Demo price list (catalog product key, term value, buy, sell). Buy prices of SiteLock match the
 * sandbox's invented prices (lib/sectigo/sandbox/core/catalog.ts); the rest are made up. Plans not
 * listed here are offered with "price not set".
 */
export const DEMO_PLAN_PRICES: ReadonlyArray<{ productKey: string; term: string; buy: string; sell: string; enabled?: boolean }> = [
  { productKey: "sitelock-monitor", term: "365", buy: "0.00", sell: "0.00" },
  { productKey: "sitelock-basic", term: "30", buy: "9.99", sell: "14.99" },
  { productKey: "sitelock-basic", term: "365", buy: "99.99", sell: "149.00" },
  { productKey: "sitelock-pro", term: "30", buy: "29.99", sell: "44.99" },
  { productKey: "sitelock-pro", term: "365", buy: "299.99", sell: "449.00" },
  { productKey: "sitelock-business", term: "30", buy: "59.99", sell: "89.99" },
  { productKey: "sitelock-business", term: "365", buy: "599.99", sell: "899.00" },
  { productKey: "sitelock-911", term: "0", buy: "249.00", sell: "349.00" },
  { productKey: "sitelock-backup-5gb", term: "30", buy: "4.99", sell: "7.99" },
  { productKey: "sitelock-backup-5gb", term: "365", buy: "49.99", sell: "79.00" },
  { productKey: "sitelock-backup-10gb", term: "30", buy: "7.99", sell: "11.99" },
  { productKey: "sitelock-backup-10gb", term: "365", buy: "79.99", sell: "119.00" },
  { productKey: "sitelock-backup-25gb", term: "30", buy: "12.99", sell: "19.99" },
  { productKey: "sitelock-backup-25gb", term: "365", buy: "129.99", sell: "199.00" },
  { productKey: "sitelock-trueshield", term: "30", buy: "9.99", sell: "14.99" },
  { productKey: "sitelock-trueshield", term: "365", buy: "99.99", sell: "149.00" },
  { productKey: "sitelock-dns-pro", term: "30", buy: "3.99", sell: "5.99" },
  { productKey: "sitelock-dns-pro", term: "365", buy: "39.99", sell: "59.00" },
  { productKey: "sitelock-dns-business", term: "30", buy: "6.99", sell: "9.99" },
  { productKey: "sitelock-dns-business", term: "365", buy: "69.99", sell: "99.00" },
  { productKey: "sectigossl-pro-dv", term: "9401", buy: "39.00", sell: "69.00" },
  { productKey: "sectigossl-pro-dv", term: "9406", buy: "74.00", sell: "129.00" },
  // Disabled in the demo: shows that a disabled plan is not offered.
  { productKey: "sectigossl-pro-dv", term: "9421", buy: "175.00", sell: "299.00", enabled: false },
  { productKey: "sectigossl-premium-dv", term: "9467", buy: "59.00", sell: "99.00" },
  { productKey: "positivessl-ov", term: "9852", buy: "45.00", sell: "79.00" },
  { productKey: "code-signing", term: "1511", buy: "179.00", sell: "249.00" },
  { productKey: "hackerguardian-pci", term: "3461", buy: "250.00", sell: "399.00" },
];

/**
 * The demo world in the app's database, consistent with the sandbox's (both read
 * lib/demo/demo-data.ts with the same anchor day). Idempotent: running it twice changes nothing.
 */
export async function seedDemo(
  db: PrismaClient,
  opts: { anchor: Date; credentialsKey: string; sandboxUrl: string; now?: Date },
): Promise<void> {
  const now = opts.now ?? new Date();
  const users = [];
  for (const u of DEMO_USERS) {
    users.push(await seedUser(db, { id: `demo-user-${u.role.toLowerCase()}`, ...u, password: DEMO_PASSWORD }));
  }
  const staff = users.find((u) => u.role === "STAFF");
  await seedResellerAccount(db, {
    id: DEMO_RESELLER_ACCOUNT_ID,
    label: DEMO_RESELLER.label,
    loginName: DEMO_RESELLER.loginName,
    password: DEMO_RESELLER.password,
    apiBaseUrl: opts.sandboxUrl,
    apBrand: DEMO_RESELLER.brand,
    mode: "SANDBOX",
    credentialsKey: opts.credentialsKey,
    isDefault: true,
  });
  for (const p of DEMO_PLAN_PRICES) {
    // An admin's later edit of a demo price survives a restart: existing rows are left alone.
    await db.planPrice.upsert({
      where: { productKey_term: { productKey: p.productKey, term: p.term } },
      create: { productKey: p.productKey, term: p.term, buyPrice: p.buy, sellPrice: p.sell, currency: DEMO_RESELLER.currency, enabled: p.enabled ?? true },
      update: {},
    });
  }
  for (const c of DEMO_CUSTOMERS) {
    const customer = await seedCustomer(db, {
      id: `demo-customer-${c.key}`,
      resellerAccountId: DEMO_RESELLER_ACCOUNT_ID,
      name: c.name,
      email: c.email,
      foreName: c.foreName,
      surName: c.surName,
      telephone: c.telephone,
      country: c.country,
    });
    for (const l of c.licenses) {
      const { startsAt, expiresAt } = demoDates(l, opts.anchor);
      const awaiting = l.state === "awaiting";
      await seedLicense(db, {
        id: `demo-license-${l.key}`,
        customerId: customer.id,
        resellerAccountId: DEMO_RESELLER_ACCOUNT_ID,
        placedById: staff?.id,
        orderNumber: l.orderNumber,
        foreignOrderNumber: l.foreignOrderNumber,
        orderStatus: awaiting ? "AWAITING_AUTHORIZATION" : "PLACED",
        licenseStatus: awaiting ? "PENDING" : expiresAt <= now ? "EXPIRED" : "ACTIVE",
        productCode: l.productCode,
        productName: l.productName,
        domainName: l.domainName,
        termDays: l.termDays,
        startsAt,
        expiresAt,
        autoRenew: l.autoRenew,
        cost: l.cost,
        currency: DEMO_RESELLER.currency,
        addOns: l.addOns,
      });
    }
  }
  await seedRenewalsBook(db, { anchor: opts.anchor, now, staffId: staff?.id ?? null, managerId: users.find((u) => u.role === "ACCOUNT_MANAGER")?.id ?? null });
}

/**
 * The renewals book (lib/demo/renewals-book.ts) in a few multi-row statements (the scaled world's
 * insert), once: a second run finds its first licence and changes nothing.
 */
async function seedRenewalsBook(db: PrismaClient, opts: { anchor: Date; now: Date; staffId: string | null; managerId: string | null }) {
  const book = renewalsBookCustomers();
  const first = book[0]?.customer.licenses[0];
  if (!first || (await db.license.findUnique({ where: { id: appIds.licence(first.key) }, select: { id: true } }))) return;
  await db.$transaction(async (tx) => {
    // insertScaledWorld speaks node-postgres' `query(text, values)`; the seed has a Prisma client.
    const viaPrisma = { query: async (text: string, values: unknown[]) => ({ rows: await tx.$queryRawUnsafe(text, ...values) }) } as unknown as ClientBase;
    await insertScaledWorld(viaPrisma, { options: scaledWorldOptions.parse(RENEWALS_BOOK), anchor: opts.anchor, now: opts.now, resellerAccountId: DEMO_RESELLER_ACCOUNT_ID, placedById: opts.staffId });
    if (opts.managerId) {
      const managed = book.filter((b) => bookCustomerHasManager(b.j)).map((b) => appIds.customer(b.customer.key));
      await tx.customer.updateMany({ where: { id: { in: managed } }, data: { accountManagerId: opts.managerId } });
    }
  }, { timeout: 30_000 });
}
