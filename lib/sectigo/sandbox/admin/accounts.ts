/** Admin view and upsert of reseller accounts. The password is never returned. */
import { z } from "zod";
import type { Account } from "../core/types";
import type { World } from "../core/world";

export const accountInput = z.object({
  loginName: z.string().min(1).max(64),
  loginPassword: z.string().min(1).max(128),
  funds: z.number().default(0),
  currency: z.string().regex(/^[A-Z]{3}$/).default("USD"),
  creditLimit: z.number().min(0).default(0),
  siteLockEnabled: z.boolean().default(true),
  autoRenewDefault: z.boolean().default(true),
  callLimitPerMinute: z.number().int().min(1).nullable().optional(),
});
export type AccountInput = z.infer<typeof accountInput>;

export function publicAccount(account: Account): Omit<Account, "loginPassword"> {
  const { loginPassword: _hidden, ...rest } = account;
  return rest;
}

/** Creates or replaces an account; a replaced account keeps its account ID and its customers/orders. */
export function upsertAccount(world: World, input: AccountInput): Account {
  const existing = world.account(input.loginName);
  const account: Account = {
    loginName: input.loginName,
    loginPassword: input.loginPassword,
    accountId: existing?.accountId ?? world.state.nextAccountId++,
    funds: input.funds,
    currency: input.currency,
    creditLimit: input.creditLimit,
    siteLockEnabled: input.siteLockEnabled,
    autoRenewDefault: input.autoRenewDefault,
    callLimitPerMinute: input.callLimitPerMinute ?? null,
  };
  world.state.accounts[account.loginName] = account;
  world.calls.delete(account.loginName);
  return account;
}
