import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DEMO_CUSTOMERS, DEMO_PASSWORD, DEMO_RESELLER, DEMO_USERS, demoDates } from "@/lib/demo/demo-data";
import { seedCustomer, seedLicense, seedResellerAccount, seedUser } from "@/lib/demo/factories";

export const DEMO_RESELLER_ACCOUNT_ID = "demo-reseller";

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
    mode: "SANDBOX",
    credentialsKey: opts.credentialsKey,
    isDefault: true,
  });
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
}
