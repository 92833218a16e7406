/** Admin view and upsert of reseller accounts. The password is never returned. */
import { z } from "zod";
import type { Account } from "../core/types";
import type { World } from "../core/world";

/** Amounts are whole cents within ±1e9, so cent arithmetic (core/accounts.ts) stays exact. */
const MAX_AMOUNT = 1_000_000_000;
const amount = z
  .number()
  .min(-MAX_AMOUNT)
  .max(MAX_AMOUNT)
  .refine((n) => Math.round(n * 100) / 100 === n, "at most 2 decimals (cents)");

export const accountInput = z.strictObject({
  /** Accounts are keyed by login name: `__proto__` cannot be a key of a plain object. */
  loginName: z
    .string()
    .regex(/^[A-Za-z0-9._@+-]{1,64}$/, "1-64 letters, digits or . _ @ + -")
    .refine((name) => name !== "__proto__", "reserved name"),
  loginPassword: z.string().min(1).max(128),
  funds: amount.default(0),
  currency: z.string().regex(/^[A-Z]{3}$/).default("USD"),
  creditLimit: amount.refine((n) => n >= 0, "must not be negative").default(0),
  siteLockEnabled: z.boolean().default(true),
  autoRenewDefault: z.boolean().default(true),
  callLimitPerMinute: z.number().int().min(1).max(1_000_000).nullable().optional(),
});
export type AccountInput = z.infer<typeof accountInput>;

export function publicAccount(account: Account): Omit<Account, "loginPassword"> {
  const { loginPassword: _hidden, ...rest } = account;
  return rest;
}

/** Creates or replaces an account; a replaced account keeps its account ID and its customers/orders. */
export function upsertAccount(world: World, input: AccountInput): Account {
  return world.transaction(() => {
    const account = accountOf(world, input);
    world.putAccount(account);
    world.calls.delete(account.loginName);
    return account;
  });
}

function accountOf(world: World, input: AccountInput): Account {
  const existing = world.account(input.loginName);
  const account: Account = {
    loginName: input.loginName,
    loginPassword: input.loginPassword,
    accountId: existing?.accountId ?? world.nextAccountId(),
    funds: input.funds,
    currency: input.currency,
    creditLimit: input.creditLimit,
    siteLockEnabled: input.siteLockEnabled,
    autoRenewDefault: input.autoRenewDefault,
    callLimitPerMinute: input.callLimitPerMinute ?? null,
  };
  return account;
}
