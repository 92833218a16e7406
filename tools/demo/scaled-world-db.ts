/**
 * The scaled world (scaled-world.ts) in the app's PostgreSQL, stored as the demo seed stores the demo
 * (seed-demo.ts / factories.ts: same ids, one order per license with its items, the license and its
 * add-ons) but with multi-row `INSERT ... SELECT FROM unnest(...)`, one statement per table per chunk
 * of ~5,000 licenses. Runs on the caller's connection; the caller owns the transaction.
 */
import { demoItemSells, demoSellTotal } from "@/tools/demo/demo-prices";
import type { ClientBase } from "pg";
import { DEMO_RESELLER, demoDates, type DemoCustomer } from "../demo-world/demo-data";
import { MAX_SCALED_LICENSES, scaledChunks, scaledForeignOrderNumber, type ScaledWorldOptions } from "../demo-world/scaled-world";

export const CHUNK_LICENSES = 5000;

/** The app ids of the demo rule (seed-demo.ts, factories.ts). */
export const appIds = {
  customer: (key: string) => `demo-customer-${key}`,
  license: (key: string) => `demo-license-${key}`,
  order: (key: string) => `demo-license-${key}-order`,
};

export interface InsertedCounts {
  customers: number;
  licenses: number;
  addOns: number;
  orders: number;
}

/**
 * Which of a world's order numbers to look for: the generator is prefix-stable, so its first and
 * last license present and the one after absent means exactly this world is there.
 */
export function worldProbes(options: ScaledWorldOptions): { present: number[]; absent: number[] } {
  return {
    present: [...new Set([1, options.licenses])],
    absent: options.licenses < MAX_SCALED_LICENSES ? [options.licenses + 1] : [],
  };
}

/** "none", "all" or "partial" (the seed holds a world of another size) from which probes were found. */
export function presenceOf(options: ScaledWorldOptions, found: (i: number) => boolean): "none" | "all" | "partial" {
  const { present, absent } = worldProbes(options);
  const hits = present.filter(found).length;
  if (hits === 0 && !absent.some(found)) return "none";
  return hits === present.length && !absent.some(found) ? "all" : "partial";
}

/** Presence of the world in the app's database. */
export async function worldPresence(db: ClientBase, options: ScaledWorldOptions): Promise<"none" | "all" | "partial"> {
  const { present, absent } = worldProbes(options);
  const probes = [...present, ...absent].map((i) => scaledForeignOrderNumber(options.seed, i));
  const { rows } = await db.query<{ fon: string }>(`SELECT "foreignOrderNumber" AS fon FROM "Order" WHERE "foreignOrderNumber" = ANY($1::text[])`, [probes]);
  const found = new Set(rows.map((r) => r.fon));
  return presenceOf(options, (i) => found.has(scaledForeignOrderNumber(options.seed, i)));
}

const ts = (d: Date) => d.toISOString();

interface Rows {
  customers: Array<{ id: string; name: string; email: string; fore: string; sur: string; tel: string; country: string }>;
  orders: Array<{ id: string; fon: string; num: string; customer: string; total: number; sell: number | null; at: string }>;
  items: Array<{ id: string; order: string; code: number; name: string; days: number | null; domain: string; addOn: boolean; cost: number | null }>;
  licenses: Array<{ id: string; customer: string; order: string; num: string; code: number; name: string; domain: string; status: string; term: number; starts: string; expires: string; autoRenew: boolean }>;
  addOns: Array<{ id: string; license: string; order: string; code: number; name: string; starts: string; expires: string }>;
}

/** One array per column, for unnest. */
function columns<R extends object, K extends keyof R>(rows: R[], ...keys: K[]): Array<Array<R[K]>> {
  return keys.map((k) => rows.map((r) => r[k]));
}

function rowsOf(chunk: DemoCustomer[], ctx: { anchor: Date; now: Date }): Rows {
  const rows: Rows = { customers: [], orders: [], items: [], licenses: [], addOns: [] };
  for (const c of chunk) {
    const customer = appIds.customer(c.key);
    rows.customers.push({ id: customer, name: c.name, email: c.email.toLowerCase(), fore: c.foreName, sur: c.surName, tel: c.telephone, country: c.country });
    for (const l of c.licenses) {
      const { startsAt, expiresAt } = demoDates(l, ctx.anchor);
      const [starts, expires] = [ts(startsAt), ts(expiresAt)];
      const license = appIds.license(l.key);
      const order = appIds.order(l.key);
      // An item's cost is its sell price (what the customer pays for it), as the order pipeline records it.
      const sells = demoItemSells(l);
      rows.orders.push({ id: order, fon: l.foreignOrderNumber, num: l.orderNumber, customer, total: l.cost, sell: demoSellTotal(sells), at: starts });
      rows.items.push({ id: `${order}-item-0`, order, code: l.productCode, name: l.productName, days: l.termDays, domain: l.domainName, addOn: false, cost: sells.plan });
      rows.licenses.push({
        id: license, customer, order, num: l.orderNumber, code: l.productCode, name: l.productName, domain: l.domainName,
        status: expiresAt <= ctx.now ? "EXPIRED" : "ACTIVE", term: l.termDays, starts, expires, autoRenew: l.autoRenew,
      });
      l.addOns.forEach((a, i) => {
        rows.items.push({ id: `${order}-item-${i + 1}`, order, code: a.productCode, name: a.productName, days: null, domain: l.domainName, addOn: true, cost: sells.addOns[i] ?? null });
        rows.addOns.push({ id: `${license}-addon-${i}`, license, order, code: a.productCode, name: a.productName, starts, expires });
      });
    }
  }
  return rows;
}

async function insertChunk(db: ClientBase, chunk: DemoCustomer[], ctx: { anchor: Date; now: Date; reseller: string; placedBy: string | null }, counts: InsertedCounts) {
  const rows = rowsOf(chunk, ctx);
  const now = ts(ctx.now);
  // timestamp(3) columns hold UTC wall time (Prisma's convention): the "Z" of the ISO text is ignored by ::timestamp.
  await db.query(
    `INSERT INTO "Customer" ("id","resellerAccountId","name","email","foreName","surName","telephone","country","createdAt","updatedAt")
     SELECT t.id, $1, t.name, t.email, t.fore, t.sur, t.tel, t.country, $2::timestamp, $2::timestamp
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS t(id, name, email, fore, sur, tel, country)`,
    [ctx.reseller, now, ...columns(rows.customers, "id", "name", "email", "fore", "sur", "tel", "country")],
  );
  await db.query(
    `INSERT INTO "Order" ("id","foreignOrderNumber","orderNumber","kind","status","customerId","resellerAccountId","placedById","currency","totalCost","buyTotal","sellTotal","placedAt","createdAt","updatedAt")
     SELECT t.id, t.fon, t.num, 'NEW', 'PLACED', t.customer, $1, $2, $3, t.total, t.total, t.sell, t.at::timestamp, t.at::timestamp, $4::timestamp
     FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::numeric[], $10::numeric[], $11::text[]) AS t(id, fon, num, customer, total, sell, at)`,
    [ctx.reseller, ctx.placedBy, DEMO_RESELLER.currency, now, ...columns(rows.orders, "id", "fon", "num", "customer", "total", "sell", "at")],
  );
  await db.query(
    `INSERT INTO "OrderItem" ("id","orderId","productCode","productName","days","domainName","isAddOn","cost","createdAt","updatedAt")
     SELECT t.id, t.ord, t.code, t.name, t.days, t.domain, t.addon, t.cost, $1::timestamp, $1::timestamp
     FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::text[], $8::bool[], $9::numeric[]) AS t(id, ord, code, name, days, domain, addon, cost)`,
    [now, ...columns(rows.items, "id", "order", "code", "name", "days", "domain", "addOn", "cost")],
  );
  await db.query(
    `INSERT INTO "License" ("id","customerId","orderId","currentOrderNumber","productCode","productName","domainName","status","termDays","startsAt","expiresAt","autoRenew","createdAt","updatedAt")
     SELECT t.id, t.customer, t.ord, t.num, t.code, t.name, t.domain, t.status::"LicenseStatus", t.term, t.starts::timestamp, t.expires::timestamp, t.auto, $1::timestamp, $1::timestamp
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::int[], $11::text[], $12::text[], $13::bool[])
       AS t(id, customer, ord, num, code, name, domain, status, term, starts, expires, auto)`,
    [now, ...columns(rows.licenses, "id", "customer", "order", "num", "code", "name", "domain", "status", "term", "starts", "expires", "autoRenew")],
  );
  await db.query(
    `INSERT INTO "AddOn" ("id","licenseId","orderId","productCode","productName","startsAt","expiresAt","createdAt","updatedAt")
     SELECT t.id, t.lic, t.ord, t.code, t.name, t.starts::timestamp, t.expires::timestamp, $1::timestamp, $1::timestamp
     FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[]) AS t(id, lic, ord, code, name, starts, expires)`,
    [now, ...columns(rows.addOns, "id", "license", "order", "code", "name", "starts", "expires")],
  );
  counts.customers += rows.customers.length;
  counts.licenses += rows.licenses.length;
  counts.orders += rows.orders.length;
  counts.addOns += rows.addOns.length;
}

/**
 * Inserts the whole world, chunk by chunk, for the reseller account `resellerAccountId`; the license
 * status is ACTIVE or EXPIRED against `now`, as in the demo seed. Refuses nothing itself: check
 * `worldPresence` first and run it inside a transaction.
 */
export async function insertScaledWorld(
  db: ClientBase,
  input: { options: ScaledWorldOptions; anchor: Date; now?: Date; resellerAccountId: string; placedById?: string | null; onChunk?: (counts: InsertedCounts) => void },
): Promise<InsertedCounts> {
  const counts: InsertedCounts = { customers: 0, licenses: 0, addOns: 0, orders: 0 };
  const ctx = { anchor: input.anchor, now: input.now ?? new Date(), reseller: input.resellerAccountId, placedBy: input.placedById ?? null };
  for (const chunk of scaledChunks(input.options, CHUNK_LICENSES)) {
    await insertChunk(db, chunk, ctx, counts);
    input.onChunk?.(counts);
  }
  return counts;
}
