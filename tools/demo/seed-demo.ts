import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_CUSTOMERS, DEMO_PASSWORD, DEMO_RESELLER, DEMO_USERS, demoDates } from "@/tools/demo-world/demo-data";
import { seedCustomer, seedLicense, seedResellerAccount, seedUser } from "@/tools/demo/factories";
import { bookCustomerHasManager, RENEWALS_BOOK, renewalsBookCustomers } from "@/tools/demo-world/renewals-book";
import { DEMO_PLAN_PRICES, demoItemSells, demoSellTotal } from "@/tools/demo/demo-prices";
import { appIds, insertScaledWorld } from "@/tools/demo/scaled-world-db";
import { scaledWorldOptions } from "@/tools/demo-world/scaled-world";
import type { ClientBase } from "pg";

export const DEMO_RESELLER_ACCOUNT_ID = "demo-reseller";

export { DEMO_PLAN_PRICES } from "@/tools/demo/demo-prices";

/**
 * The demo world in the app's database, consistent with the sandbox's (both read
 * tools/demo-world/demo-data.ts with the same anchor day). Idempotent: running it twice changes nothing.
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
      const sells = demoItemSells(l);
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
        sellTotal: demoSellTotal(sells),
        itemSells: sells,
      });
    }
  }
  await seedRenewalsBook(db, { anchor: opts.anchor, now, staffId: staff?.id ?? null, managerId: users.find((u) => u.role === "ACCOUNT_MANAGER")?.id ?? null });
}

/**
 * The renewals book (tools/demo-world/renewals-book.ts) in a few multi-row statements (the scaled world's
 * insert), once: a second run finds its first license and changes nothing.
 */
async function seedRenewalsBook(db: PrismaClient, opts: { anchor: Date; now: Date; staffId: string | null; managerId: string | null }) {
  const book = renewalsBookCustomers();
  const first = book[0]?.customer.licenses[0];
  if (!first || (await db.license.findUnique({ where: { id: appIds.license(first.key) }, select: { id: true } }))) return;
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
