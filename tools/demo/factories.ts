/**
 * Seeds are factories: the demo seed uses them with stable ids, tests with random ones.
 * Each is an idempotent upsert keyed by id (an existing row is left as it is).
 */
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { LicenseStatus, OrderKind, OrderStatus, Role, SectigoMode } from "@/lib/generated/prisma/enums";
import { hashPassword } from "@/lib/auth/password";
import { encryptSecret } from "@/lib/crypto/credentials";

export async function seedUser(
  db: PrismaClient,
  u: { id: string; email: string; name: string; role: Role; password: string; disabled?: boolean },
) {
  const email = u.email.toLowerCase();
  const existing = await db.user.findUnique({ where: { email } });
  if (existing) return existing;
  return db.user.create({
    data: { id: u.id, email, name: u.name, role: u.role, passwordHash: await hashPassword(u.password), disabled: u.disabled ?? false },
  });
}

export async function seedResellerAccount(
  db: PrismaClient,
  a: { id: string; label: string; loginName: string; password: string; apiBaseUrl: string; mode: SectigoMode; credentialsKey: string; isDefault?: boolean; apBrand?: string },
) {
  const existing = await db.resellerAccount.findUnique({ where: { id: a.id } });
  if (existing) {
    // The sandbox may move to another port between runs: keep the base URL current.
    // A demo account from before the brand was seeded gets it (PlaceOrder needs one).
    const brand = existing.apBrand === null && a.apBrand ? { apBrand: a.apBrand } : {};
    if (existing.apiBaseUrl !== a.apiBaseUrl || brand.apBrand) {
      return db.resellerAccount.update({ where: { id: a.id }, data: { apiBaseUrl: a.apiBaseUrl, ...brand } });
    }
    return existing;
  }
  return db.resellerAccount.create({
    data: {
      id: a.id,
      label: a.label,
      loginName: a.loginName,
      loginPasswordEnc: encryptSecret(a.password, a.credentialsKey),
      apiBaseUrl: a.apiBaseUrl,
      mode: a.mode,
      isDefault: a.isDefault ?? false,
      apBrand: a.apBrand ?? null,
    },
  });
}

export async function seedCustomer(
  db: PrismaClient,
  c: { id: string; resellerAccountId: string; name: string; email: string; foreName?: string; surName?: string; telephone?: string; country?: string },
) {
  return db.customer.upsert({
    where: { id: c.id },
    create: { ...c, email: c.email.toLowerCase() },
    update: {},
  });
}

export interface SeedLicenseInput {
  id: string;
  customerId: string;
  resellerAccountId: string;
  placedById?: string;
  orderNumber: string | null;
  foreignOrderNumber: string;
  orderKind?: OrderKind;
  orderStatus: OrderStatus;
  licenseStatus: LicenseStatus;
  productCode: number;
  productName: string;
  domainName: string;
  termDays: number;
  startsAt: Date;
  expiresAt: Date;
  autoRenew: boolean;
  cost: number;
  currency: string;
  addOns: Array<{ productCode: number; productName: string }>;
  /** What the customer paid (the price list's sell prices), when every item has one. */
  sellTotal?: number | null;
  /** What the customer paid for each item (OrderItem.cost, a sell price: demoItemSells); unknown (null) when absent. */
  itemSells?: { plan: number | null; addOns: Array<number | null> };
}

/** An order with its items, the license it created, and its add-ons. */
export async function seedLicense(db: PrismaClient, l: SeedLicenseInput) {
  const orderId = `${l.id}-order`;
  await db.order.upsert({
    where: { id: orderId },
    update: {},
    create: {
      id: orderId,
      foreignOrderNumber: l.foreignOrderNumber,
      orderNumber: l.orderNumber,
      kind: l.orderKind ?? "NEW",
      status: l.orderStatus,
      customerId: l.customerId,
      resellerAccountId: l.resellerAccountId,
      placedById: l.placedById,
      currency: l.currency,
      // Sectigo debits an order awaiting authorization only when it is authorized: until then we
      // only expect to pay its cost.
      totalCost: l.orderStatus === "AWAITING_AUTHORIZATION" ? null : l.cost,
      buyTotal: l.cost,
      sellTotal: l.sellTotal ?? null,
      placedAt: l.startsAt,
      createdAt: l.startsAt,
      items: {
        create: [
          // An item's cost is what the customer pays for it (its sell price), as the order pipeline records it;
          // l.cost is what we pay Sectigo (buyTotal), never an item's price.
          { productCode: l.productCode, productName: l.productName, days: l.termDays, domainName: l.domainName, cost: l.itemSells?.plan ?? null },
          ...l.addOns.map((a, i) => ({ productCode: a.productCode, productName: a.productName, domainName: l.domainName, isAddOn: true, cost: l.itemSells?.addOns[i] ?? null })),
        ],
      },
    },
  });
  const license = await db.license.upsert({
    where: { id: l.id },
    update: {},
    create: {
      id: l.id,
      customerId: l.customerId,
      orderId,
      currentOrderNumber: l.orderNumber,
      productCode: l.productCode,
      productName: l.productName,
      domainName: l.domainName,
      status: l.licenseStatus,
      termDays: l.termDays,
      startsAt: l.startsAt,
      expiresAt: l.expiresAt,
      autoRenew: l.autoRenew,
    },
  });
  for (const [i, a] of l.addOns.entries()) {
    await db.addOn.upsert({
      where: { id: `${l.id}-addon-${i}` },
      update: {},
      create: {
        id: `${l.id}-addon-${i}`,
        licenseId: l.id,
        orderId,
        productCode: a.productCode,
        productName: a.productName,
        startsAt: l.startsAt,
        expiresAt: l.expiresAt,
      },
    });
  }
  return license;
}
