import "server-only";
import { prisma } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { appClock } from "@/lib/clock/app-clock";
import { orderDeps, type OrderDeps } from "./order-deps";

/**
 * The order use cases' dependencies inside the web app: its database and configured Sectigo timeout,
 * on this machine's clock. For reconciliation, whose timings compare with the database's own
 * timestamps (an order SUBMITTING for longer than the call's budget).
 */
export function appOrderDeps(): OrderDeps {
  const env = serverEnv();
  return orderDeps(prisma, { credentialsKey: env.CREDENTIALS_KEY, timeoutMs: env.SECTIGO_TIMEOUT_MS });
}

/**
 * The same, on the app's clock (lib/clock): for every use case that decides a license's lifecycle
 * (renew, auto-renew, add-on, plan change, cancel and refund, authorization: windows, expiry, terms),
 * so in sandbox mode a moved sandbox clock moves these decisions.
 */
export async function appLifecycleDeps(): Promise<OrderDeps> {
  return { ...appOrderDeps(), now: await appClock() };
}
