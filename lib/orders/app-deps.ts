import "server-only";
import { prisma } from "@/lib/db";
import { serverEnv } from "@/lib/env";
import { orderDeps, type OrderDeps } from "./order-deps";

/** The order use cases' dependencies inside the web app: its database and configured Sectigo timeout. */
export function appOrderDeps(): OrderDeps {
  const env = serverEnv();
  return orderDeps(prisma, { credentialsKey: env.CREDENTIALS_KEY, timeoutMs: env.SECTIGO_TIMEOUT_MS });
}
