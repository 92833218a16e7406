import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { SectigoClient, SectigoClientConfig } from "@/lib/sectigo/client";
import { sectigoClientForAccount, type AccountForClient } from "@/lib/sectigo/account-client";

/** What the order use cases need from the outside; tests pass their own database and sandbox. */
export interface OrderDeps {
  db: PrismaClient;
  /** The Sectigo client of a reseller account, recording every call against the order and the person. */
  sectigo(
    resellerAccountId: string,
    link: { orderId?: string; actorId: string | null; callSlot?: SectigoClientConfig["callSlot"]; account?: AccountForClient },
  ): Promise<SectigoClient>;
  now?: () => Date;
  /** The Sectigo call's time budget (ms): how long a SUBMITTING order may still be in flight. */
  callTimeoutMs?: number;
  /** How long after sending an order reconciliation waits before calling it not placed (default SETTLE_WINDOW_MS, reconcile-order.ts). */
  settleWindowMs?: number;
}

export function orderDeps(db: PrismaClient, opts: { credentialsKey: string; timeoutMs?: number; settleWindowMs?: number }): OrderDeps {
  return {
    db,
    callTimeoutMs: opts.timeoutMs,
    settleWindowMs: opts.settleWindowMs,
    sectigo: (resellerAccountId, link) =>
      sectigoClientForAccount(db, { resellerAccountId, credentialsKey: opts.credentialsKey, timeoutMs: opts.timeoutMs, orderId: link.orderId, actorId: link.actorId, callSlot: link.callSlot, account: link.account }),
  };
}
