import type { PrismaClient, SectigoMode } from "@/lib/generated/prisma/client";
import { createSectigoClient, type SectigoClient, type SectigoClientConfig } from "@/lib/sectigo/client";
import { decryptSecret } from "@/lib/crypto/credentials";
import { apiCallRecorder } from "@/lib/sectigo/record-api-call";
import { AppError } from "@/lib/errors";
import { ACCOUNT_DISABLED_MESSAGE } from "@/lib/db/errors";
import { sectigoMode } from "@/lib/env";
import { accountSecretVersion, cachedAccountSecret } from "@/lib/sectigo/client/account-cache";

export const SANDBOX_ACCOUNT_IN_LIVE_MESSAGE = "This Order Desk runs against live Sectigo (SECTIGO_MODE=live): a sandbox reseller account cannot be used here.";

/** What the client needs of a reseller account (the password still encrypted). */
export const ACCOUNT_FOR_CLIENT = { id: true, apiBaseUrl: true, mode: true, loginName: true, loginPasswordEnc: true, updatedAt: true, disabledAt: true } as const;
/** `disabledAt` absent: a caller whose order row the database already let through (the account was enabled). */
export type AccountForClient = { id: string; apiBaseUrl: string; mode: SectigoMode; loginName: string; loginPasswordEnc: string; updatedAt: Date; disabledAt?: Date | null };

/**
 * The Sectigo client for one reseller account: base URL and mode (SANDBOX or LIVE, which
 * requires https) come from the account record, the password is decrypted only here, and
 * every call is recorded in ApiCall. Switching to live is a change of record, not of code.
 * The decrypted password is kept per process until the account changes (client/account-cache.ts);
 * the client itself is built per use, as it carries the order and person its calls are recorded for.
 */
export async function sectigoClientForAccount(
  db: PrismaClient,
  opts: {
    resellerAccountId: string;
    credentialsKey: string;
    timeoutMs?: number;
    orderId?: string;
    actorId?: string | null;
    callSlot?: SectigoClientConfig["callSlot"];
    account?: AccountForClient;
  },
): Promise<SectigoClient> {
  // A caller that read the account in the same statement as the row it acts on passes it (a bulk
  // renewal reads it with the license): one statement fewer per call.
  const account = opts.account?.id === opts.resellerAccountId ? opts.account : await db.resellerAccount.findUnique({ where: { id: opts.resellerAccountId }, select: ACCOUNT_FOR_CLIENT });
  if (!account) throw new AppError("NOT_FOUND", "That reseller account no longer exists.");
  // A disabled account is used by nobody, jobs included (lib/settings/set-reseller-account-enabled.ts:
  // it cannot be disabled while an order of it awaits Sectigo's answer, so reconciliation never needs it).
  if (account.disabledAt) throw new AppError("CONFLICT", ACCOUNT_DISABLED_MESSAGE, "resellerAccountId");
  // A live deployment (SECTIGO_MODE=live, README "Deploying") reaches no sandbox: an account saved
  // as SANDBOX earlier sends nothing, its password included.
  if (account.mode === "SANDBOX" && sectigoMode() === "live") throw new AppError("CONFLICT", SANDBOX_ACCOUNT_IN_LIVE_MESSAGE, "resellerAccountId");
  return createSectigoClient({
    baseUrl: account.apiBaseUrl,
    mode: account.mode,
    loginName: account.loginName,
    loginPassword: cachedAccountSecret(account.id, accountSecretVersion(account, opts.credentialsKey), () => decryptSecret(account.loginPasswordEnc, opts.credentialsKey)),
    timeoutMs: opts.timeoutMs,
    ...(opts.callSlot ? { callSlot: opts.callSlot } : {}),
    recorder: apiCallRecorder(db, { resellerAccountId: account.id, orderId: opts.orderId, actorId: opts.actorId ?? null }),
  });
}
