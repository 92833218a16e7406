import "server-only";
import type { z } from "zod";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { encryptSecret } from "@/lib/crypto/credentials";
import { serverEnv } from "@/lib/env";
import { assertAllowedBaseUrl } from "@/lib/sectigo/allowed-base-url";
import { isLoginConflict, loginTaken, settleDefaultAccount } from "@/lib/settings/account-conflicts";
import type { createResellerAccountSchema } from "@/lib/settings/reseller-account-schemas";

/** Adds a reseller account; the password is encrypted here and never returned. */
export async function createResellerAccount(actor: Actor, input: z.output<typeof createResellerAccountSchema>) {
  assertCan(actor, "manageSettings");
  // Where this account's password may be sent (LIVE: Sectigo only; SANDBOX: the configured sandbox).
  assertAllowedBaseUrl(input.apiBaseUrl, input.mode);
  const loginPasswordEnc = encryptSecret(input.password, serverEnv().CREDENTIALS_KEY);
  try {
    return await auditedTransaction(async (tx, changes) => {
      const taken = await tx.resellerAccount.findUnique({
        where: { apiBaseUrl_loginName: { apiBaseUrl: input.apiBaseUrl, loginName: input.loginName } },
        select: { id: true },
      });
      if (taken) throw loginTaken();
      const account = await tx.resellerAccount.create({
        data: {
          label: input.label,
          loginName: input.loginName,
          loginPasswordEnc,
          apBrand: input.apBrand || null,
          apiBaseUrl: input.apiBaseUrl,
          mode: input.mode,
          autoRenewDefault: input.autoRenewDefault,
        },
        select: { id: true, label: true },
      });
      const isDefault = await settleDefaultAccount(tx, account.id, input.isDefault);
      changes.push({
        target: `ResellerAccount:${account.id}`,
        before: null,
        after: { label: input.label, loginName: input.loginName, apBrand: input.apBrand || null, apiBaseUrl: input.apiBaseUrl, mode: input.mode, autoRenewDefault: input.autoRenewDefault, isDefault, password: "changed" },
      });
      return { ...account, isDefault };
    }, { serializable: true });
  } catch (error) {
    // Two admins adding the same login at once: the unique index decides.
    if (isLoginConflict(error)) throw loginTaken();
    throw error;
  }
}
