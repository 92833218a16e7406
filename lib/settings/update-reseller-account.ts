import "server-only";
import type { z } from "zod";
import { auditedTransaction } from "@/lib/audit/audited-transaction";
import { assertCan } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/session";
import { encryptSecret } from "@/lib/crypto/credentials";
import { serverEnv } from "@/lib/env";
import { assertAllowedBaseUrl } from "@/lib/sectigo/allowed-base-url";
import { AppError } from "@/lib/errors";
import { isLoginConflict, loginTaken, settleDefaultAccount } from "@/lib/settings/account-conflicts";
import type { updateResellerAccountSchema } from "@/lib/settings/reseller-account-schemas";
import { changedFields } from "@/lib/audit/changed-fields";

const AUDITED_FIELDS = { label: true, loginName: true, apBrand: true, apiBaseUrl: true, mode: true, autoRenewDefault: true } as const;

export const PASSWORD_FOR_NEW_URL = "Type the Sectigo password again: the stored one is only ever sent to the URL and mode it was saved for.";

/** URLs compared as the client sends to them (a missing trailing slash is the same URL). */
function sameUrl(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

export const DISABLED_CANNOT_BE_DEFAULT = "This account is disabled: enable it before you make it the default.";

export const KEEP_ONE_DEFAULT = "This is the default account. Make another account the default instead.";

/** Edits an account. An empty password keeps the stored one; a new one replaces it, encrypted. */
export async function updateResellerAccount(actor: Actor, input: z.output<typeof updateResellerAccountSchema>) {
  assertCan(actor, "manageSettings");
  // Where this account's password may be sent (LIVE: Sectigo only; SANDBOX: the configured sandbox).
  assertAllowedBaseUrl(input.apiBaseUrl, input.mode);
  const loginPasswordEnc = input.password ? encryptSecret(input.password, serverEnv().CREDENTIALS_KEY) : undefined;
  try {
    return await auditedTransaction(async (tx, changes) => {
      const current = await tx.resellerAccount.findUnique({ where: { id: input.id }, select: { ...AUDITED_FIELDS, id: true, isDefault: true, disabledAt: true } });
      if (!current) throw new AppError("NOT_FOUND", "That reseller account no longer exists.");
      // New orders go to the default account: a disabled one would refuse them all.
      if (current.disabledAt && input.isDefault && !current.isDefault) throw new AppError("CONFLICT", DISABLED_CANNOT_BE_DEFAULT, "isDefault");
      // Unticking "default" would leave no default: another account must take over instead.
      if (current.isDefault && !input.isDefault) throw new AppError("CONFLICT", KEEP_ONE_DEFAULT, "isDefault");
      // The stored password goes only where it was saved for: moving the account to another URL or
      // mode (a LIVE password to a sandbox) needs it typed again.
      if (!loginPasswordEnc && (sameUrl(current.apiBaseUrl) !== sameUrl(input.apiBaseUrl) || current.mode !== input.mode)) {
        throw new AppError("INVALID_INPUT", PASSWORD_FOR_NEW_URL, "password");
      }
      const taken = await tx.resellerAccount.findFirst({
        where: { apiBaseUrl: input.apiBaseUrl, loginName: input.loginName, id: { not: input.id } },
        select: { id: true },
      });
      if (taken) throw loginTaken();
      const account = await tx.resellerAccount.update({
        where: { id: input.id },
        data: {
          label: input.label,
          loginName: input.loginName,
          ...(loginPasswordEnc ? { loginPasswordEnc } : {}),
          apBrand: input.apBrand || null,
          apiBaseUrl: input.apiBaseUrl,
          mode: input.mode,
          autoRenewDefault: input.autoRenewDefault,
        },
        select: { id: true, label: true },
      });
      const isDefault = await settleDefaultAccount(tx, account.id, input.isDefault);
      const after = { label: input.label, loginName: input.loginName, apBrand: input.apBrand || null, apiBaseUrl: input.apiBaseUrl, mode: input.mode, autoRenewDefault: input.autoRenewDefault, isDefault };
      changes.push(changedFields(`ResellerAccount:${account.id}`, current, after, { password: loginPasswordEnc ? "changed" : "unchanged" }));
      return { ...account, isDefault, passwordChanged: !!loginPasswordEnc };
    }, { serializable: true });
  } catch (error) {
    if (isLoginConflict(error)) throw loginTaken();
    throw error;
  }
}
