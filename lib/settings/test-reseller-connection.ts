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
import { assertAllowedBaseUrl } from "@/lib/sectigo/allowed-base-url";
import { normalizeBaseUrl } from "@/lib/sectigo/client/allowed-urls";
import type { testConnectionSchema } from "@/lib/settings/reseller-account-schemas";

/**
 * Long enough for Sectigo, short enough that an admin waiting on a wrong URL is not stuck; never
 * longer than the configured budget of a Sectigo call (SECTIGO_TIMEOUT_MS).
 */
const TEST_TIMEOUT_MS = 15_000;

export type ConnectionTestResult =
  | { ok: true; accountId: string; currency: string; available: number; creditLimit: number }
  /** `code`: Sectigo's errorCode (e.g. -16 for a refused login); absent for timeouts and network errors. */
  | { ok: false; code?: number; message: string };

export const RETYPE_FOR_OTHER_URL = "Type the password again to test another URL: the stored password is only sent to this account's saved URL.";

/**
 * What the admin reads for each kind of failure: our own sentence, never the other end's text (a
 * URL that is not Sectigo could put anything there). Sectigo's error codes map to our sentences
 * in lib/sectigo/client/errors/codes.ts.
 */
export const CONNECTION_FAILURE_MESSAGES = {
  timeout: "No complete answer in time. Check the URL, or try again later.",
  network: "Could not connect to that URL. Check it, or try again later.",
  http: "That URL answered with an HTTP error, not as Sectigo's API does. Check the URL.",
  malformed: "That URL's answer was not a Sectigo answer (unreadable, or too large). Check the URL.",
  parameter: "Sectigo refused a parameter of the request. Check the login name and the URL.",
  config: "These settings cannot be used to connect. Check the URL and the mode.",
} as const;

/**
 * getAccountBalance with the values typed in the form, without saving them. The URL must be one
 * this account may use (LIVE: Sectigo; SANDBOX: the configured sandbox). The stored password is
 * only ever sent to the account's saved URL: testing another URL needs the password typed again.
 * A saved account whose login, URL and mode are unchanged and whose password was left empty is
 * tested exactly as orders will use it (sectigoClientForAccount); otherwise a client is built from
 * the typed values. The password is never part of the result; the action is audited without it.
 */
export async function testResellerConnection(actor: Actor, input: z.output<typeof testConnectionSchema>): Promise<ConnectionTestResult> {
  assertCan(actor, "manageSettings");
  assertAllowedBaseUrl(input.apiBaseUrl, input.mode);
  const { CREDENTIALS_KEY: credentialsKey, SECTIGO_TIMEOUT_MS } = serverEnv();
  const timeoutMs = Math.min(TEST_TIMEOUT_MS, SECTIGO_TIMEOUT_MS);
  const saved = input.id
    ? await prisma.resellerAccount.findUnique({
        where: { id: input.id },
        select: { id: true, loginName: true, apiBaseUrl: true, mode: true, loginPasswordEnc: true },
      })
    : null;
  if (input.id && !saved) throw new AppError("NOT_FOUND", "That reseller account no longer exists.");
  const storedPassword = saved && !input.password;
  if (storedPassword && normalizeBaseUrl(input.apiBaseUrl) !== normalizeBaseUrl(saved.apiBaseUrl)) {
    throw new AppError("INVALID_INPUT", RETYPE_FOR_OTHER_URL, "password");
  }

  let client: SectigoClient;
  try {
    const unchanged = storedPassword && saved.loginName === input.loginName && saved.apiBaseUrl === input.apiBaseUrl && saved.mode === input.mode;
    client = unchanged
      ? await sectigoClientForAccount(prisma, { resellerAccountId: saved.id, credentialsKey, timeoutMs, actorId: actor.id })
      : createSectigoClient({
          baseUrl: input.apiBaseUrl,
          mode: input.mode,
          loginName: input.loginName,
          // The stored password only when the URL is the saved one (checked above).
          loginPassword: input.password || (saved ? decryptSecret(saved.loginPasswordEnc, credentialsKey) : ""),
          timeoutMs,
          // Calls for an unsaved account are not recorded: ApiCall rows belong to an account.
          recorder: saved ? apiCallRecorder(prisma, { resellerAccountId: saved.id, actorId: actor.id }) : undefined,
        });
  } catch (error) {
    // The schema and the URL rule catch these first.
    if (error instanceof SectigoConfigError) return { ok: false, message: CONNECTION_FAILURE_MESSAGES.config };
    throw error;
  }

  const result = await client.getAccountBalance();
  if (result.ok) {
    const { accountId, currency, available, creditLimit } = result.value;
    return { ok: true, accountId, currency, available, creditLimit };
  }
  const e = result.error;
  // Our sentence for Sectigo's code; one that names a parameter would quote the answer, so not that.
  if (e.kind === "api") return { ok: false, code: e.code, message: e.parameters?.length ? CONNECTION_FAILURE_MESSAGES.parameter : e.userMessage };
  if (e.kind === "validation") return { ok: false, message: CONNECTION_FAILURE_MESSAGES.config };
  return { ok: false, message: CONNECTION_FAILURE_MESSAGES[e.kind] };
}
