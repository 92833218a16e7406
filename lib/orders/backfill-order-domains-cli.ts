/**
 * npm run orders:backfill-domains: gives orders recorded before issue 17 their certificates' names
 * (lib/orders/backfill-order-domains.ts), as Order Desk itself. Uses DATABASE_URL like the app.
 */
import { systemActor } from "@/lib/auth/system-actor";
import { backfillOrderDomains } from "@/lib/orders/backfill-order-domains";
import { prisma } from "@/lib/db";

const started = Date.now();
const result = await backfillOrderDomains(systemActor("backfill of certificate names"), {
  onBatch: (done) => console.log(`${done.orders} orders, ${done.names} names so far (${((Date.now() - started) / 1000).toFixed(1)} s)`),
});
console.log(`Done: ${result.orders} orders given ${result.names} names in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
await prisma.$disconnect();
