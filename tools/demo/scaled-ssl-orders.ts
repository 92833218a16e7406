/**
 * SSL certificate orders for the scaled world (issue 17 item 8): the scaled world is SiteLock
 * licenses only (scaled-world.ts, mirrored by the sandbox), so the lookup bench adds certificate
 * orders of its own, app-side only, to find an order by a subject alternative name at 1,000,000
 * orders. Each order j (1..count) of a seed is a PositiveSSL OV certificate for a customer of the
 * world, recorded as the app records one placed from the form: the item known by the CSR's common
 * name, and every name of the certificate in OrderItemDomain:
 *   CN   www.cert<j>-s<seed>.example
 *   SANs cert<j>-s<seed>.example, mail.cert<j>-s<seed>.example, api.partner<j>-s<seed>.example
 * The last SAN is on a domain of its own: only that order has it (what a support lookup by a SAN is).
 * Each name's longest label is the order's own ("cert<j>-s<seed>", "partner<j>-s<seed>"), as a real
 * registrable name is: the label index (lib/search/domain-search.ts) looks up a term's longest
 * piece, and a longest label shared by every order (an earlier "s<seed>-partner") made each lookup
 * read all 200,000 of them (1.6 s).
 * Deterministic, dated in the past, numbered clear of the scaled world's order numbers
 * (2,000,000,000 + seed x 1,000,000 + j), inserted once (a second call finds the first order).
 */
import type { ClientBase } from "pg";

const CHUNK = 5_000;
const PRODUCT = { code: 9852, name: "PositiveSSL OV, 1 year", days: 365, cost: 49 };

export const sslOrderNumber = (seed: number, j: number) => String(2_000_000_000 + seed * 1_000_000 + j);
export const sslForeignOrderNumber = (seed: number, j: number) => `OD-S${seed}-SSL-${String(j).padStart(7, "0")}`;

/** The names of SSL order j: common name first. */
export function sslOrderNames(seed: number, j: number): { commonName: string; altNames: string[] } {
  const base = `cert${j}-s${seed}.example`;
  return { commonName: `www.${base}`, altNames: [base, `mail.${base}`, `api.partner${j}-s${seed}.example`] };
}

export async function insertScaledSslOrders(
  db: ClientBase,
  input: { seed: number; count: number; anchor: Date; resellerAccountId: string; placedById?: string | null; onChunk?: (done: number) => void },
): Promise<{ status: "seeded" | "already there"; orders: number; names: number }> {
  const { rows: there } = await db.query(`SELECT 1 FROM "Order" WHERE "foreignOrderNumber" = $1`, [sslForeignOrderNumber(input.seed, 1)]);
  if (there.length > 0) return { status: "already there", orders: 0, names: 0 };
  const { rows: customers } = await db.query<{ id: string }>(`SELECT id FROM "Customer" WHERE "resellerAccountId" = $1 ORDER BY id`, [input.resellerAccountId]);
  if (customers.length === 0) throw new Error("No customers of the account: fill the scaled world first (npm run world:scale).");
  const now = new Date().toISOString();
  let names = 0;
  for (let from = 1; from <= input.count; from += CHUNK) {
    const js = Array.from({ length: Math.min(CHUNK, input.count - from + 1) }, (_, k) => from + k);
    const orderIds = js.map((j) => `scaled-ssl-s${input.seed}-${j}`);
    // Spread over the last two years, newest for the last order: never in the future.
    const at = js.map((j) => new Date(input.anchor.getTime() - ((input.count - j) % 730) * 86_400_000 - 3_600_000).toISOString());
    await db.query(
      `INSERT INTO "Order" ("id","foreignOrderNumber","orderNumber","kind","status","customerId","resellerAccountId","placedById","currency","sellTotal","buyTotal","totalCost","operation","placedAt","createdAt","updatedAt")
       SELECT t.id, t.fon, t.num, 'NEW', 'PLACED', t.customer, $1, $2, 'USD', 79, $3, $3, 'placeOrder', t.at::timestamp, t.at::timestamp, $4::timestamp
       FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS t(id, fon, num, customer, at)`,
      [
        input.resellerAccountId, input.placedById ?? null, PRODUCT.cost, now,
        orderIds, js.map((j) => sslForeignOrderNumber(input.seed, j)), js.map((j) => sslOrderNumber(input.seed, j)), js.map((j) => customers[(j * 7919) % customers.length]!.id), at,
      ],
    );
    await db.query(
      `INSERT INTO "OrderItem" ("id","orderId","productCode","productName","days","domainName","isAddOn","cost","createdAt","updatedAt")
       SELECT t.ord || '-item-0', t.ord, $1, $2, $3, t.domain, false, 79, t.at::timestamp, t.at::timestamp
       FROM unnest($4::text[], $5::text[], $6::text[]) AS t(ord, domain, at)`,
      [PRODUCT.code, PRODUCT.name, PRODUCT.days, orderIds, js.map((j) => sslOrderNames(input.seed, j).commonName), at],
    );
    const rows = js.flatMap((j, k) => {
      const n = sslOrderNames(input.seed, j);
      return [
        { order: orderIds[k]!, name: n.commonName, source: "CN" },
        ...n.altNames.map((name) => ({ order: orderIds[k]!, name, source: "SAN" })),
      ];
    });
    await db.query(
      `INSERT INTO "OrderItemDomain" ("id","orderItemId","orderId","domainName","source")
       SELECT t.ord || '-name-' || t.n, t.ord || '-item-0', t.ord, t.name, t.source
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(ord, name, source, n)`,
      [rows.map((r) => r.order), rows.map((r) => r.name), rows.map((r) => r.source)],
    );
    names += rows.length;
    input.onChunk?.(from + js.length - 1);
  }
  await db.query(`ANALYZE "Order"; ANALYZE "OrderItem"; ANALYZE "OrderItemDomain"`);
  return { status: "seeded", orders: input.count, names };
}
