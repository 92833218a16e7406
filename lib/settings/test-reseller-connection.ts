import "server-only";
import type { z } from "zod";
import { prisma } from "@/lib/db";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { decryptSecret } from "@/lib/crypto/credentials";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { createSectigoClient, SectigoConfigError, type SectigoClient } from "@/lib/sectigo/client";
import { sectigoClientForAccount } from "@/lib/sectigo/account-client";
import { apiCallRecorder } from "@/lib/sectigo/record-api-call";
import type { testConnectionSchema } from "@/lib/settings/reseller-account-schemas";

/** Long enough for Sectigo, short enough that an admin waiting on a wrong URL is not stuck. */
const TEST_TIMEOUT_MS = 15_000;

export type ConnectionTestResult =
  | { ok: true; accountId: string; currency: string; available: number; creditLimit: number }
  /** `code`: Sectigo's errorCode (e.g. -16 for a refused login); absent for timeouts and network errors. */
  | { ok: false; code?: number; message: string };

/**
 * getAccountBalance with the values typed in the form, without saving them. A saved account
 * whose login, URL and mode are unchanged and whose password was left empty is tested exactly as
 * orders will use it (sectigoClientForAccount); otherwise a client is built from the typed values,
 * with the stored password when none was typed. The password is never part of the result.
 */
export async function testResellerConnection(actor: Actor, input: z.output<typeof testConnectionSchema>): Promise<ConnectionTestResult> {
  assertCan(actor, "manageSettings");
  const { CREDENTIALS_KEY: credentialsKey } = serverEnv();
  const saved = input.id
    ? await prisma.resellerAccount.findUnique({
        where: { id: input.id },
        select: { id: true, loginName: true, apiBaseUrl: true, mode: true, loginPasswordEnc: true },
      })
    : null;
  if (input.id && !saved) throw new AppError("NOT_FOUND", "That reseller account no longer exists.");

  let client: SectigoClient;
  try {
    const unchanged = saved && !input.password && saved.loginName === input.loginName && saved.apiBaseUrl === input.apiBaseUrl && saved.mode === input.mode;
    client = unchanged
      ? await sectigoClientForAccount(prisma, { resellerAccountId: saved.id, credentialsKey, timeoutMs: TEST_TIMEOUT_MS, actorId: actor.id })
      : createSectigoClient({
          baseUrl: input.apiBaseUrl,
          mode: input.mode,
          loginName: input.loginName,
          loginPassword: input.password || (saved ? decryptSecret(saved.loginPasswordEnc, credentialsKey) : ""),
          timeoutMs: TEST_TIMEOUT_MS,
          // Calls for an unsaved account are not recorded: ApiCall rows belong to an account.
          recorder: saved ? apiCallRecorder(prisma, { resellerAccountId: saved.id, actorId: actor.id }) : undefined,
        });
  } catch (error) {
    // The schema catches these first; the client's own checks never carry the password.
    if (error instanceof SectigoConfigError) return { ok: false, message: error.message };
    throw error;
  }

  const result = await client.getAccountBalance();
  if (result.ok) {
    const { accountId, currency, available, creditLimit } = result.value;
    return { ok: true, accountId, currency, available, creditLimit };
  }
  const e = result.error;
  if (e.kind === "api") return { ok: false, code: e.code, message: e.vendorMessage ?? e.userMessage };
  return { ok: false, message: e.userMessage };
}
